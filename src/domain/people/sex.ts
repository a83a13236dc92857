import { z } from 'zod';

export const Sex = z.enum(['male', 'female']);
export type Sex = z.infer<typeof Sex>;

export const sexLabelVi = { male: 'Nam', female: 'Nữ' } as const satisfies Record<Sex, string>;
