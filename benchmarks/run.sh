#!/bin/sh
# Run the JMH benchmarks of this module. Build first, from the repository root:
#   ./mvnw -B -q -DskipTests package
# Arguments go to JMH: a benchmark regexp, -l (list), -f/-wi/-i/-w/-r, -prof jfr, -rf json ...
# JAVA_HOME selects the JDK (JMH's forks use the same one); JAVA_OPTS adds JVM options to the
# launching JVM (use JMH's -jvmArgsAppend for the forks).
set -e
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
    echo "run.sh: $jar is missing; build first from the repository root: ./mvnw -B -q -DskipTests package" >&2
    exit 1
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# shellcheck disable=SC2086
exec "$java" $JAVA_OPTS -jar "$jar" "$@"
