/**
 * The slice of js-yaml 4 the deployment tests use. js-yaml ships without types and is present as a dependency of
 * osls (the packager), so the tests declare what they call instead of adding @types/js-yaml to package.json.
 */
declare module "js-yaml" {
  export type Kind = "scalar" | "sequence" | "mapping";

  export interface TypeOptions {
    kind: Kind;
    construct?: (data: unknown) => unknown;
    resolve?: (data: unknown) => boolean;
  }

  export class Type {
    constructor(tag: string, options: TypeOptions);
  }

  export class Schema {
    extend(types: Type[]): Schema;
  }

  export const DEFAULT_SCHEMA: Schema;

  export function load(text: string, options?: { schema?: Schema; filename?: string }): unknown;
}
