/** JSON as the log stores it: I-JSON (RFC 7493) values, hashed as RFC 8785 canonical JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
