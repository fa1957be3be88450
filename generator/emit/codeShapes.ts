import { prettierOptions } from './prettierOptions.js';
import { group, hardline, ifBreak, indent, join, line, softline, type Doc } from './printDoc.js';

/**
 * The shapes of generated TypeScript whose layout depends on the length of names, grouped as
 * prettier groups them (see `printDoc`). Each is held to prettier by test/generation/layout.
 */

/** `Name<A, B>`, broken one argument a line (type arguments take no trailing comma). */
export function typeArguments(name: string, args: readonly Doc[]): Doc {
  return group([name, '<', indent([softline, join([',', line], args)]), softline, '>']);
}

/** `A | B`, broken as one `| member` a line; a lone member is printed as it is. */
export function union(members: readonly string[]): Doc {
  if (members.length === 1) return members[0] ?? '';
  return group([ifBreak('| '), join([line, '| '], members)]);
}

/**
 * `export type Name = <rhs>;` where `rhs` cannot break on its own line (a union, or a type
 * reference with one simple argument): broken after `=` when it does not fit, the rhs then
 * indented on the next line (a union broken further when it still does not fit).
 */
export function typeAliasBreakingAfterEquals(name: string, rhs: Doc): Doc {
  return group([`export type ${name} =`, indent([line, rhs]), ';']);
}

/** `export type Name = <rhs>;` where `rhs` breaks inside itself (type arguments). */
export function typeAlias(name: string, rhs: Doc): Doc {
  return [`export type ${name} = `, rhs, ';'];
}

/** `callee(a, b)`, broken one argument a line with a trailing comma. */
export function call(callee: string, args: readonly Doc[]): Doc {
  return group([
    callee,
    '(',
    indent([softline, join([',', line], args)]),
    ifBreak(','),
    softline,
    ')',
  ]);
}

/** `[a, b]`, broken one item a line with a trailing comma. */
export function arrayLiteral(items: readonly Doc[]): Doc {
  return group(['[', indent([softline, join([',', line], items)]), ifBreak(','), softline, ']']);
}

/** `key: (params) => body,` in an object literal, the body moved to the next line if need be. */
export function arrowProperty(head: string, body: string): Doc {
  return group([`${head} =>`, group(indent([line, body])), ',']);
}

/**
 * A doc comment of one paragraph: `/** text *\/` when it fits the print width at `indentation`,
 * otherwise the words wrapped over ` * ` lines. Prettier leaves comments as they are, so this
 * only keeps lines within the width.
 */
export function docComment(text: string, indentation = 0): string {
  const pad = ' '.repeat(indentation);
  if (indentation + text.length + 7 <= prettierOptions.printWidth) return `/** ${text} */`;
  return [
    '/**',
    ...wrapWords(text, indentation + 3).map((words) => `${pad} * ${words}`),
    `${pad} */`,
  ]
    .join('\n')
    .replace(/^ +/, '');
}

/** The words of `text` in lines that fit the print width after `indentation` columns. */
export function wrapWords(text: string, indentation: number): string[] {
  const room = prettierOptions.printWidth - indentation;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current !== '' && current.length + 1 + word.length > room) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** `{ a: 1, b: 2 }`, broken one property a line with a trailing comma. */
export function objectLiteral(properties: readonly Doc[]): Doc {
  return group(['{', indent([line, join([',', line], properties)]), ifBreak(','), line, '}']);
}

/**
 * An array of object literals: prettier breaks an array of two or more objects that have more
 * than one property each, one object a line, whatever the width.
 */
export function objectArray(items: readonly Doc[], propertyCounts: readonly number[]): Doc {
  if (items.length > 1 && propertyCounts.every((count) => count > 1)) {
    return group(['[', indent([hardline, join([',', hardline], items)]), ',', hardline, ']']);
  }
  return arrayLiteral(items);
}

/** `{ a: string; b: string }`, broken one member a line, each ending in `;`. */
export function objectType(members: readonly Doc[]): Doc {
  return group(['{', indent([line, join([';', line], members)]), ifBreak(';'), line, '}']);
}
