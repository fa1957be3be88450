import {
  Kind,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
} from 'graphql';
import type { Diagnostics } from '../report/diagnostic.js';
import { positionOf } from './astHelpers.js';

/**
 * Who may call an extension field, as its directives say: `@requireAuth` (any token),
 * `@requireAuth(types: [User])` (a node token of one of these types, or a root token), or
 * `@requireRoot` (a root token).
 */
export type FieldAccess =
  { kind: 'authenticated' } | { kind: 'nodeTypes'; types: string[] } | { kind: 'root' };

/** The directives the generated wiring enforces; the served schema does not carry them. */
export const AUTH_DIRECTIVES: ReadonlySet<string> = new Set(['requireAuth', 'requireRoot']);

/** Directives an extension field may carry and the served schema keeps. */
const SERVED_DIRECTIVES: ReadonlySet<string> = new Set(['deprecated']);

/**
 * Checks the directives of an extension field and reads its access rule: `undefined` when the
 * field has no auth directive (anyone may call it, as in Graphcool), `null` when an error was
 * reported. Unknown directives, unknown arguments, type names that are not `@model` types and
 * auth directives placed anywhere but on the field are reported at their location.
 */
export function readFieldAccess(
  file: string,
  fieldLabel: string,
  field: FieldDefinitionNode,
  modelNames: ReadonlySet<string>,
  diagnostics: Diagnostics,
): FieldAccess | undefined | null {
  const before = diagnostics.items.length;
  const found: ConstDirectiveNode[] = [];
  for (const directive of field.directives ?? []) {
    const name = directive.name.value;
    if (AUTH_DIRECTIVES.has(name)) {
      found.push(directive);
    } else if (!SERVED_DIRECTIVES.has(name)) {
      diagnostics.error(
        'UNKNOWN_DIRECTIVE',
        file,
        positionOf(directive),
        `Field "${fieldLabel}" has the directive "@${name}", which the generator does not ` +
          `know. Use @requireAuth, @requireAuth(types: [...]), @requireRoot or @deprecated, ` +
          `or remove it.`,
      );
    }
  }

  const [first, second] = found;
  if (second) {
    const repeated = first?.name.value === second.name.value;
    diagnostics.error(
      repeated ? 'DUPLICATE_AUTH_DIRECTIVE' : 'CONFLICTING_AUTH_DIRECTIVES',
      file,
      positionOf(second),
      repeated
        ? `Field "${fieldLabel}" has "@${second.name.value}" twice. Keep one.`
        : `Field "${fieldLabel}" has both @requireAuth and @requireRoot. Keep @requireRoot for ` +
            `root tokens only, or @requireAuth for any caller with a token.`,
    );
  }
  const access = first && accessOf(file, fieldLabel, first, modelNames, diagnostics);
  return diagnostics.items.length === before ? access : null;
}

/** Reports `@requireAuth` or `@requireRoot` anywhere in the file but on the extension field. */
export function checkMisplacedAuthDirectives(
  file: string,
  document: DocumentNode,
  field: FieldDefinitionNode | undefined,
  diagnostics: Diagnostics,
): void {
  visit(document, {
    Directive(directive, _key, _parent, _path, ancestors) {
      if (!AUTH_DIRECTIVES.has(directive.name.value)) return;
      const owner = ancestors[ancestors.length - 1];
      if (owner === field) return;
      diagnostics.error(
        'MISPLACED_AUTH_DIRECTIVE',
        file,
        positionOf(directive),
        `"@${directive.name.value}" may only follow the field that extends Query or Mutation, ` +
          `e.g. "extend type Query { me: MePayload @requireAuth }". Move it there.`,
      );
    },
  });
}

/** The extension field without its auth directives, as the served schema prints it. */
export function withoutAuthDirectives(field: FieldDefinitionNode): FieldDefinitionNode {
  const directives = (field.directives ?? []).filter(
    (directive) => !AUTH_DIRECTIVES.has(directive.name.value),
  );
  return { ...field, directives };
}

function accessOf(
  file: string,
  fieldLabel: string,
  directive: ConstDirectiveNode,
  modelNames: ReadonlySet<string>,
  diagnostics: Diagnostics,
): FieldAccess | undefined {
  const name = directive.name.value;
  const allowed = name === 'requireAuth' ? ['types'] : [];
  for (const argument of directive.arguments ?? []) {
    if (allowed.includes(argument.name.value)) continue;
    diagnostics.error(
      'UNKNOWN_DIRECTIVE_ARGUMENT',
      file,
      positionOf(argument),
      `"@${name}" has no argument "${argument.name.value}". ` +
        (name === 'requireAuth'
          ? 'Its only argument is "types", e.g. @requireAuth(types: [User]).'
          : 'It takes no arguments: write @requireRoot.'),
    );
  }
  if (name === 'requireRoot') return { kind: 'root' };

  const typesArgument = directive.arguments?.find((argument) => argument.name.value === 'types');
  if (!typesArgument) return { kind: 'authenticated' };
  const value = typesArgument.value;
  const items = value.kind === Kind.LIST ? value.values : [value];
  const types = new Set<string>();
  for (const item of items) {
    if (item.kind !== Kind.ENUM) {
      diagnostics.error(
        'INVALID_AUTH_TYPES',
        file,
        positionOf(item),
        `"types" of "@requireAuth" on "${fieldLabel}" lists @model type names without quotes, ` +
          `e.g. @requireAuth(types: [User]).`,
      );
      continue;
    }
    if (!modelNames.has(item.value)) {
      const known = [...modelNames].sort().map((model) => `"${model}"`);
      diagnostics.error(
        'UNKNOWN_AUTH_TYPE',
        file,
        positionOf(item),
        `"@requireAuth" on "${fieldLabel}" names "${item.value}", which is not a @model type. ` +
          (known.length > 0 ? `The @model types are ${known.join(', ')}.` : 'There are none.'),
      );
      continue;
    }
    types.add(item.value);
  }
  if (items.length === 0) {
    diagnostics.error(
      'INVALID_AUTH_TYPES',
      file,
      positionOf(value),
      `"types" of "@requireAuth" on "${fieldLabel}" is empty. Name at least one @model type, ` +
        `or write @requireAuth to admit any caller with a token.`,
    );
  }
  return { kind: 'nodeTypes', types: [...types].sort() };
}
