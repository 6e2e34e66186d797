import type { z } from 'zod';
import type { configSchema } from './env-schema.js';

type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

/** Validated, frozen configuration; the only shape of the environment the rest of the code sees. */
export type Config = DeepReadonly<z.output<typeof configSchema>>;
export type EmbeddingsProvider = Config['embeddings'];
export type LlmProvider = Config['llm'];
