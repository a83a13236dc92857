import { z } from 'zod';

/** Body of every non-2xx answer: a code for programs, English for logs, Vietnamese for users. */
export const ApiError = z.object({
  error: z.string(),
  message: z.string(),
  messageVi: z.string(),
  /** The request field that is wrong, for 400 answers. */
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiError>;
