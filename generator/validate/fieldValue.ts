import { Kind, parseConstValue, valueFromASTUntyped, type ConstValueNode } from 'graphql';

/** A JSON value: what `@defaultValue` and `@migrationValue` literals become. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The type of a stored field, as far as its values are concerned. */
export interface ValueType {
  /** A scalar name, or an enum's name when `enumValues` is given. */
  name: string;
  isList: boolean;
  enumValues?: readonly string[];
}

/** A literal converted to a field's type, or why it cannot be. */
export type ParsedValue = { ok: true; value: JsonValue } | { ok: false; reason: string };

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * Converts the literal of `@defaultValue(value:)` or `@migrationValue(value:)` to a value of the
 * field's type. Graphcool wrote every such value as a string (`"42"`, `"true"`, a JSON text), so
 * a string is accepted for every type as well as the native literal (`42`, `true`, `[1, 2]`).
 */
export function parseFieldValue(node: ConstValueNode, type: ValueType): ParsedValue {
  if (node.kind === Kind.NULL) return fail('it may not be null');
  if (!type.isList) return parseElement(node, type);

  let list: ConstValueNode = node;
  if (node.kind === Kind.STRING) {
    try {
      list = parseConstValue(node.value);
    } catch {
      return fail(`a list needs a list value such as [${example(type)}]`);
    }
  }
  if (list.kind !== Kind.LIST) return fail(`a list needs a list value such as [${example(type)}]`);
  const values: JsonValue[] = [];
  for (const item of list.values) {
    const parsed = parseElement(item, type);
    if (!parsed.ok) return fail(`an element of the list is wrong: ${parsed.reason}`);
    values.push(parsed.value);
  }
  return { ok: true, value: values };
}

function parseElement(node: ConstValueNode, type: ValueType): ParsedValue {
  const text = node.kind === Kind.STRING ? node.value : undefined;
  if (type.enumValues !== undefined) {
    const value = node.kind === Kind.ENUM ? node.value : text;
    return value !== undefined && type.enumValues.includes(value)
      ? { ok: true, value }
      : fail(`enum "${type.name}" has the values ${type.enumValues.join(', ')}`);
  }

  switch (type.name) {
    case 'String':
    case 'ID':
      return text !== undefined ? { ok: true, value: text } : fail('it must be a string');
    case 'Int': {
      const source = node.kind === Kind.INT ? node.value : text?.trim();
      const value = Number(source);
      return source !== undefined &&
        /^[+-]?\d+$/.test(source) &&
        value >= INT_MIN &&
        value <= INT_MAX
        ? { ok: true, value }
        : fail('it must be a 32-bit integer, e.g. 42');
    }
    case 'Float': {
      const source = node.kind === Kind.INT || node.kind === Kind.FLOAT ? node.value : text?.trim();
      const value = Number(source);
      return source !== undefined && source !== '' && Number.isFinite(value)
        ? { ok: true, value }
        : fail('it must be a number, e.g. 1.5');
    }
    case 'Boolean': {
      if (node.kind === Kind.BOOLEAN) return { ok: true, value: node.value };
      return text === 'true' || text === 'false'
        ? { ok: true, value: text === 'true' }
        : fail('it must be true or false');
    }
    case 'DateTime': {
      const time = text !== undefined && /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
      return Number.isNaN(time)
        ? fail('it must be an ISO 8601 date and time, e.g. "2018-01-31T12:00:00.000Z"')
        : { ok: true, value: new Date(time).toISOString() };
    }
    case 'Json': {
      if (text === undefined) return { ok: true, value: valueFromASTUntyped(node) as JsonValue };
      try {
        return { ok: true, value: JSON.parse(text) as JsonValue };
      } catch {
        return fail('a Json value given as a string must hold JSON text, e.g. "{\\"a\\": 1}"');
      }
    }
    default:
      return fail(`type "${type.name}" has no literal values`);
  }
}

function example(type: ValueType): string {
  if (type.enumValues !== undefined) return type.enumValues[0] ?? '';
  const examples: Record<string, string> = { Int: '1, 2', Float: '1.5', Boolean: 'true' };
  return examples[type.name] ?? '"a", "b"';
}

function fail(reason: string): ParsedValue {
  return { ok: false, reason };
}
