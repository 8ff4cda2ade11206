import type { CollectField, FieldType } from '../config/bot-config.ts';

/** How a field's value is recognised: its config `type`, else guessed from its name, else free text. */
export type FieldKind = FieldType;

const BY_NAME: ReadonlyArray<[RegExp, FieldKind]> = [
  [/(^|_)(date|day)($|_)/, 'date'],
  [/(^|_)time($|_)/, 'time'],
  [/(^|_)(phone|tel|telephone|mobile)($|_)/, 'phone'],
  [/(^|_)(name|first_name|full_name)($|_)/, 'name'],
];

/**
 * The kind of a field.
 * @example fieldKind({ name: 'visit_date', prompt: '…', required: true }) // 'date'
 */
export function fieldKind(field: CollectField): FieldKind {
  if (field.type) return field.type;
  if (field.options) return 'enum';
  for (const [re, kind] of BY_NAME) if (re.test(field.name)) return kind;
  return 'text';
}
