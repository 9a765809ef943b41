package org.elephas.function;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Generates the class the engine calls for one Java function. The engine derives a function's
 * SQL parameter and result types from its Java method's signature, so each function gets a class
 * whose static {@code call} methods carry exactly the declared types (boxed, so that NULL reaches
 * the host and STRICT stays the host's decision), one per number of arguments a call may give
 * (fewer when trailing parameters have defaults):
 *
 * <pre>
 * public final class F16384 {
 *     public static Integer call(Integer a, Long b) {
 *         return (Integer) FunctionCalls.call(16384, new Object[] {a, b});
 *     }
 * }
 * </pre>
 *
 * Each class gets a class loader of its own, whose parent is the host's, so it sees only
 * {@link FunctionCalls} and JDK types, and a replaced definition can be loaded under the same name.
 */
final class FunctionWrappers {
    /** Package and prefix of generated class names; the rest is the function's OID. */
    static final String CLASS_PREFIX = "org.elephas.function.generated.F";
    /** The method the engine is pointed at. */
    static final String METHOD = "call";

    private static final String CALLS = Type.getInternalName(FunctionCalls.class);
    private static final String CALL_DESCRIPTOR = Type.getMethodDescriptor(Type.getType(Object.class), Type.INT_TYPE,
            Type.getType(Object[].class));
    private static final String CALL_SET_DESCRIPTOR = Type.getMethodDescriptor(Type.getType(ResultSet.class),
            Type.INT_TYPE, Type.getType(Connection.class), Type.getType(Object[].class));

    private FunctionWrappers() {
    }

    /**
     * @param oid a function's OID
     * @return the name of its class
     */
    static String className(int oid) {
        return CLASS_PREFIX + Integer.toUnsignedString(oid);
    }

    /**
     * @param className a class name the engine asks for
     * @return the function OID it names, or -1 when it is not a generated class's name
     */
    static long oidOf(String className) {
        if (!className.startsWith(CLASS_PREFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(className.substring(CLASS_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * @param function the function
     * @return its class, defined in a new class loader
     */
    static Class<?> define(JavaFunction function) {
        String name = className(function.oid());
        byte[] bytes = generate(name, function.oid(), function.argTypes(), function.defaults().size(),
                function.returnType(), function.returnsSet());
        return new Loader(FunctionWrappers.class.getClassLoader()).define(name, bytes);
    }

    private static byte[] generate(String className, int oid, List<SqlType> args, int defaults, SqlType result,
            boolean returnsSet) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        String internal = className.replace('.', '/');
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internal, null,
                "java/lang/Object", null);
        Type returnType = Type.getType(result.javaClass());
        for (int arity = args.size() - defaults; arity <= args.size(); arity++) {
            // A table function takes the engine's Connection first (the engine passes it, and
            // tells by its URL whether it wants only the columns); the SQL arguments follow.
            int first = returnsSet ? 1 : 0;
            Type[] params = new Type[first + arity];
            if (returnsSet) {
                params[0] = Type.getType(Connection.class);
            }
            for (int i = 0; i < arity; i++) {
                params[first + i] = Type.getType(args.get(i).javaClass());
            }
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, METHOD,
                    Type.getMethodDescriptor(returnType, params), null, null);
            mv.visitCode();
            mv.visitLdcInsn(oid);
            if (returnsSet) {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
            }
            mv.visitLdcInsn(arity);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            for (int i = 0; i < arity; i++) {
                mv.visitInsn(Opcodes.DUP);
                mv.visitLdcInsn(i);
                mv.visitVarInsn(Opcodes.ALOAD, first + i);
                mv.visitInsn(Opcodes.AASTORE);
            }
            if (returnsSet) {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, CALLS, "callSet", CALL_SET_DESCRIPTOR, false);
            } else {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, CALLS, "call", CALL_DESCRIPTOR, false);
            }
            if (result.javaClass() == void.class) {
                mv.visitInsn(Opcodes.POP);
                mv.visitInsn(Opcodes.RETURN);
            } else {
                mv.visitTypeInsn(Opcodes.CHECKCAST, returnType.getInternalName());
                mv.visitInsn(Opcodes.ARETURN);
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** A loader for one generated class. */
    private static final class Loader extends ClassLoader {
        Loader(ClassLoader parent) {
            super(parent);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
