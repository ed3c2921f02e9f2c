// A change to some fields of a value read with defaults (settings, preferences). Not
// `schema.partial()`: its fields would keep their defaults, and a change of one field would
// quietly reset all the others.
import { z } from 'zod';

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
type ChangeShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> };

/** Every field optional and without its default; unknown fields refused. */
export function changeOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<ChangeShape<S>, z.core.$strict> {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional()]));
  // The mapped type says per field what the loop does to each; TypeScript cannot follow the loop.
  return z.object(shape as unknown as ChangeShape<S>).strict();
}
