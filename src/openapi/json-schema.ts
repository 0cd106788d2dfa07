/** OpenAPI 3.0 schema and operation objects as plain JSON (@nestjs/swagger does not export its types). */
export type Schema = { [keyword: string]: unknown };
export interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: Schema;
}
export interface Operation {
  summary?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}
