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

    private SqlState() {
    }
}
