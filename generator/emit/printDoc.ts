import { prettierOptions } from './prettierOptions.js';

/**
 * A small document algebra with prettier's line-fitting rule, for the parts of generated code
 * whose layout depends on the length of names: a `group` is printed on one line when it fits
 * in what is left of the line (counting what follows it up to the next line break) and broken
 * at its `line`s otherwise. Emitters describe the few shapes they print (type arguments, call
 * arguments, an arrow body, a union) the way prettier groups them, so the text comes out as
 * prettier prints it without running prettier. The layout tests hold each shape to prettier.
 */
export type Doc = string | Doc[] | Group | Indent | Line | IfBreak;

interface Group {
  kind: 'group';
  contents: Doc;
  /** Broken whatever the width: it holds a hard line. */
  broken: boolean;
  /** The contents printed flat, once asked for (see `flatText`). */
  flat?: string;
}

interface Indent {
  kind: 'indent';
  contents: Doc;
}

interface Line {
  kind: 'line';
  /** Printed as nothing (soft) or as one space (not soft) when its group is flat. */
  soft: boolean;
  hard: boolean;
}

interface IfBreak {
  kind: 'ifBreak';
  broken: Doc;
  flat: Doc;
}

/** Contents printed flat when they fit, otherwise with each of their own lines broken. */
export function group(contents: Doc): Doc {
  return { kind: 'group', contents, broken: holdsHardLine(contents) };
}

/** Contents whose broken lines are indented one level (two spaces) more. */
export function indent(contents: Doc): Doc {
  return { kind: 'indent', contents };
}

/** A space in a flat group, a line break in a broken one. */
export const line: Doc = { kind: 'line', soft: false, hard: false };

/** Nothing in a flat group, a line break in a broken one. */
export const softline: Doc = { kind: 'line', soft: true, hard: false };

/** Always a line break. */
export const hardline: Doc = { kind: 'line', soft: false, hard: true };

/** `broken` when the enclosing group is broken, `flat` otherwise. */
export function ifBreak(broken: Doc, flat: Doc = ''): Doc {
  return { kind: 'ifBreak', broken, flat };
}

/** The items with `separator` between each two. */
export function join(separator: Doc, items: readonly Doc[]): Doc[] {
  return items.flatMap((item, index) => (index === 0 ? [item] : [separator, item]));
}

/**
 * Prints a document that starts a line indented by `indentation` spaces (the indentation itself
 * is not printed, the template has it) and is followed on its last line by `suffix` (`;`, `,`).
 */
export function printDoc(doc: Doc, indentation = 0, suffix = ''): string {
  const width = prettierOptions.printWidth;
  const out: string[] = [];
  let column = indentation;
  const commands: Command[] = [{ indentation, mode: 'break', doc: [doc, suffix] }];

  while (commands.length > 0) {
    const { indentation: depth, mode, doc: current } = commands.pop() as Command;
    if (typeof current === 'string') {
      out.push(current);
      column += current.length;
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        commands.push({ indentation: depth, mode, doc: current[index] as Doc });
      }
    } else if (current.kind === 'indent') {
      commands.push({ indentation: depth + 2, mode, doc: current.contents });
    } else if (current.kind === 'group') {
      // A group that fits is printed as its flat text in one piece, which is also how long it
      // is: only what follows it up to the next line break remains to be measured.
      const flat = current.broken ? undefined : flatText(current);
      if (
        flat !== undefined &&
        (mode === 'flat' || fits([], commands, width - column - flat.length))
      ) {
        out.push(flat);
        column += flat.length;
      } else {
        commands.push({ indentation: depth, mode: 'break', doc: current.contents });
      }
    } else if (current.kind === 'ifBreak') {
      commands.push({
        indentation: depth,
        mode,
        doc: mode === 'break' ? current.broken : current.flat,
      });
    } else if (mode === 'flat' && !current.hard) {
      if (!current.soft) {
        out.push(' ');
        column += 1;
      }
    } else {
      out.push('\n' + ' '.repeat(depth));
      column = depth;
    }
  }
  return out.join('');
}

interface Command {
  indentation: number;
  mode: 'flat' | 'break';
  doc: Doc;
}

/**
 * Prettier's test: do the `pending` commands, and then what follows them (`rest`) up to the
 * first line break, fit in `room` columns?
 */
function fits(pending: Command[], rest: readonly Command[], room: number): boolean {
  let restIndex = rest.length;
  while (room >= 0) {
    if (pending.length === 0) {
      if (restIndex === 0) return true;
      pending.push(rest[--restIndex] as Command);
      continue;
    }
    const { mode, doc } = pending.pop() as Command;
    if (typeof doc === 'string') {
      room -= doc.length;
    } else if (Array.isArray(doc)) {
      for (let index = doc.length - 1; index >= 0; index--) {
        pending.push({ indentation: 0, mode, doc: doc[index] as Doc });
      }
    } else if (doc.kind === 'indent') {
      pending.push({ indentation: 0, mode, doc: doc.contents });
    } else if (doc.kind === 'group') {
      pending.push({ indentation: 0, mode: doc.broken ? 'break' : mode, doc: doc.contents });
    } else if (doc.kind === 'ifBreak') {
      pending.push({ indentation: 0, mode, doc: mode === 'break' ? doc.broken : doc.flat });
    } else {
      if (mode === 'break' || doc.hard) return true;
      if (!doc.soft) room -= 1;
    }
  }
  return false;
}

/** A group's contents printed flat: every line a space or nothing. Computed once per group. */
function flatText(group: Group): string {
  if (group.flat === undefined) {
    const parts: string[] = [];
    appendFlat(group.contents, parts);
    group.flat = parts.join('');
  }
  return group.flat;
}

function appendFlat(doc: Doc, parts: string[]): void {
  if (typeof doc === 'string') parts.push(doc);
  else if (Array.isArray(doc)) for (const item of doc) appendFlat(item, parts);
  else if (doc.kind === 'group') parts.push(flatText(doc));
  else if (doc.kind === 'indent') appendFlat(doc.contents, parts);
  else if (doc.kind === 'ifBreak') appendFlat(doc.flat, parts);
  else if (!doc.soft) parts.push(' ');
}

function holdsHardLine(doc: Doc): boolean {
  if (typeof doc === 'string') return false;
  if (Array.isArray(doc)) return doc.some(holdsHardLine);
  switch (doc.kind) {
    case 'line':
      return doc.hard;
    case 'group':
      return doc.broken;
    case 'indent':
      return holdsHardLine(doc.contents);
    case 'ifBreak':
      return holdsHardLine(doc.broken) || holdsHardLine(doc.flat);
  }
}
