package org.elephas.api;

/**
 * PostgreSQL's SQLSTATE codes ({@code errcodes.txt}) that the extension API raises or that
 * extensions commonly need. The values are the five-character codes clients see.
 */
public final class SqlState {
    /** {@code 00000} successful_completion. */
    public static final String SUCCESSFUL_COMPLETION = "00000";
    /** {@code 01000} warning. */
    public static final String WARNING = "01000";
    /** {@code 0A000} feature_not_supported. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** {@code 22023} invalid_parameter_value. */
    public static final String INVALID_PARAMETER_VALUE = "22023";
    /** {@code 42501} insufficient_privilege. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** {@code 42602} invalid_name. */
    public static final String INVALID_NAME = "42602";
    /** {@code 42704} undefined_object. */
    public static final String UNDEFINED_OBJECT = "42704";
    /** {@code 42710} duplicate_object. */
    public static final String DUPLICATE_OBJECT = "42710";
    /** {@code 53000} insufficient_resources. */
    public static final String INSUFFICIENT_RESOURCES = "53000";
    /** {@code 54000} program_limit_exceeded. */
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    /** {@code 55000} object_not_in_prerequisite_state. */
    public static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";
    /** {@code 55P02} cant_change_runtime_param. */
    public static final String CANT_CHANGE_RUNTIME_PARAM = "55P02";
    /** {@code 57014} query_canceled. */
    public static final String QUERY_CANCELED = "57014";
    /** {@code 57P01} admin_shutdown. */
    public static final String ADMIN_SHUTDOWN = "57P01";
    /** {@code 58P01} undefined_file. */
    public static final String UNDEFINED_FILE = "58P01";
    /** {@code 3D000} invalid_catalog_name. */
    public static final String INVALID_CATALOG_NAME = "3D000";
    /** {@code 28000} invalid_authorization_specification. */
    public static final String INVALID_AUTHORIZATION_SPECIFICATION = "28000";
    /** {@code 42883} undefined_function. */
    public static final String UNDEFINED_FUNCTION = "42883";
    /** {@code F0000} config_file_error. */
    public static final String CONFIG_FILE_ERROR = "F0000";
    /** {@code XX000} internal_error. */
    public static final String INTERNAL_ERROR = "XX000";
    /** {@code 42601} syntax_error. */
    public static final String SYNTAX_ERROR = "42601";
    /** {@code 42P01} undefined_table. */
    public static final String UNDEFINED_TABLE = "42P01";
    /** {@code 42703} undefined_column. */
    public static final String UNDEFINED_COLUMN = "42703";
    /** {@code 42P07} duplicate_table. */
    public static final String DUPLICATE_TABLE = "42P07";
    /** {@code 42P04} duplicate_database. */
    public static final String DUPLICATE_DATABASE = "42P04";
    /** {@code 42701} duplicate_column. */
    public static final String DUPLICATE_COLUMN = "42701";
    /** {@code 42P06} duplicate_schema. */
    public static final String DUPLICATE_SCHEMA = "42P06";
    /** {@code 3F000} invalid_schema_name. */
    public static final String INVALID_SCHEMA_NAME = "3F000";
    /** {@code 42P05} duplicate_prepared_statement. */
    public static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
    /** {@code 26000} invalid_sql_statement_name. */
    public static final String INVALID_SQL_STATEMENT_NAME = "26000";
    /** {@code 42809} wrong_object_type. */
    public static final String WRONG_OBJECT_TYPE = "42809";
    /** {@code 42804} datatype_mismatch. */
    public static final String DATATYPE_MISMATCH = "42804";
    /** {@code 2BP01} dependent_objects_still_exist. */
    public static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";
    /** {@code 25000} invalid_transaction_state. */
    public static final String INVALID_TRANSACTION_STATE = "25000";
    /** {@code 25001} active_sql_transaction. */
    public static final String ACTIVE_SQL_TRANSACTION = "25001";
    /** {@code 25P01} no_active_sql_transaction. */
    public static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";
    /** {@code 25P02} in_failed_sql_transaction. */
    public static final String IN_FAILED_SQL_TRANSACTION = "25P02";
    /** {@code 25006} read_only_sql_transaction. */
    public static final String READ_ONLY_SQL_TRANSACTION = "25006";
    /** {@code 3B001} invalid_savepoint_specification. */
    public static final String S_E_INVALID_SPECIFICATION = "3B001";
    /** {@code 22000} data_exception. */
    public static final String DATA_EXCEPTION = "22000";
    /** {@code 22001} string_data_right_truncation. */
    public static final String STRING_DATA_RIGHT_TRUNCATION = "22001";
    /** {@code 22003} numeric_value_out_of_range. */
    public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    /** {@code 22007} invalid_datetime_format. */
    public static final String INVALID_DATETIME_FORMAT = "22007";
    /** {@code 22012} division_by_zero. */
    public static final String DIVISION_BY_ZERO = "22012";
    /** {@code 22P02} invalid_text_representation. */
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    /** {@code 23502} not_null_violation. */
    public static final String NOT_NULL_VIOLATION = "23502";
    /** {@code 23503} foreign_key_violation. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    /** {@code 23505} unique_violation. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** {@code 23514} check_violation. */
    public static final String CHECK_VIOLATION = "23514";
    /** {@code 40001} serialization_failure. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** {@code 40P01} deadlock_detected. */
    public static final String DEADLOCK_DETECTED = "40P01";
    /** {@code 55P03} lock_not_available. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** {@code 55006} object_in_use. */
    public static final String OBJECT_IN_USE = "55006";
    /** {@code 28P01} invalid_password. */
    public static final String INVALID_PASSWORD = "28P01";
    /** {@code 53300} too_many_connections. */
    public static final String TOO_MANY_CONNECTIONS = "53300";
    /** {@code 57P03} cannot_connect_now. */
    public static final String CANNOT_CONNECT_NOW = "57P03";
    /** {@code 08P01} protocol_violation. */
    public static final String PROTOCOL_VIOLATION = "08P01";
    /** {@code 42723} duplicate_function. */
    public static final String DUPLICATE_FUNCTION = "42723";
    /** {@code 2D000} invalid_transaction_termination. */
    public static final String INVALID_TRANSACTION_TERMINATION = "2D000";
    /** {@code 42P19} invalid_recursion. */
    public static final String INVALID_RECURSION = "42P19";
    /** {@code 42P13} invalid_function_definition. */
    public static final String INVALID_FUNCTION_DEFINITION = "42P13";

    private SqlState() {
    }
}
