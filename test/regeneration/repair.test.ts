import { describe, expect, test } from 'vitest';
import { repairHandlers, type HandlerTarget } from '../../generator/repair/repairHandlers.js';
import { applyEdits } from '../../generator/repair/textEdit.js';

/** The handler of `Mutation.registerUser` in `file`, which must be typed `RegisterUserHandler`. */
function target(file: string, text: string): HandlerTarget {
  return {
    file,
    text,
    language: file.endsWith('.js') ? 'js' : 'ts',
    fieldName: 'registerUser',
    coordinate: 'Mutation.registerUser',
    handlerType: 'RegisterUserHandler',
    handlersImport: `${'../'.repeat(file.split('/').length - 1)}generated/handlers.js`,
  };
}

async function repairOne(file: string, text: string) {
  const result = await repairHandlers([target(file, text)]);
  return { ...result, content: result.repaired[0]?.content, changes: result.repaired[0]?.changes };
}

describe('repairing a TypeScript handler', () => {
  test('renames an imported handler type used only by the annotation, in both places', async () => {
    const text =
      "import type { SignupUserHandler } from '../generated/handlers.js';\n\n" +
      'const registerUser: SignupUserHandler = async () => null;\n\nexport default registerUser;\n';
    const { content, changes } = await repairOne('src/signup.ts', text);
    expect(content).toBe(text.replaceAll('SignupUserHandler', 'RegisterUserHandler'));
    expect(changes).toEqual(['type SignupUserHandler → RegisterUserHandler']);
  });

  test('keeps an import alias and changes only the imported name', async () => {
    const text =
      "import type { SignupUserHandler as Handler } from '../generated/handlers.js';\n" +
      'const registerUser: Handler = async () => null;\nexport default registerUser;\n';
    const { content } = await repairOne('src/signup.ts', text);
    expect(content).toBe(text.replace('SignupUserHandler as', 'RegisterUserHandler as'));
  });

  test('imports the new type beside an old one that other code still uses', async () => {
    const text =
      "import { type SignupUserHandler } from '../generated/handlers.js';\n" +
      'const registerUser: SignupUserHandler = async () => null;\n' +
      'export const legacy: SignupUserHandler = registerUser;\nexport default registerUser;\n';
    const { content, changes } = await repairOne('src/signup.ts', text);
    expect(content).toBe(
      "import { type SignupUserHandler, type RegisterUserHandler } from '../generated/handlers.js';\n" +
        'const registerUser: RegisterUserHandler = async () => null;\n' +
        'export const legacy: SignupUserHandler = registerUser;\nexport default registerUser;\n',
    );
    expect(changes).toEqual([
      'type SignupUserHandler → RegisterUserHandler',
      'imported RegisterUserHandler',
    ]);
  });

  test('drops an old specifier when the new type is already imported', async () => {
    const text =
      "import type { RegisterUserHandler, SignupUserHandler } from '../generated/handlers.js';\n" +
      'const registerUser: SignupUserHandler = async () => null;\nexport default registerUser;\n';
    const { content } = await repairOne('src/signup.ts', text);
    expect(content).toBe(
      "import type { RegisterUserHandler } from '../generated/handlers.js';\n" +
        'const registerUser: RegisterUserHandler = async () => null;\nexport default registerUser;\n',
    );
  });

  test('adds a missing annotation and its import after the last import, with CRLF', async () => {
    const text =
      "// notes\r\nimport { z } from 'zod';\r\n\r\nconst registerUser = async () => z;\r\n" +
      'export default registerUser;\r\n';
    const { content, changes } = await repairOne('src/signup.ts', text);
    expect(content).toBe(
      "// notes\r\nimport { z } from 'zod';\r\n" +
        "import type { RegisterUserHandler } from '../generated/handlers.js';\r\n\r\n" +
        'const registerUser: RegisterUserHandler = async () => z;\r\nexport default registerUser;\r\n',
    );
    expect(changes).toEqual(['added the type RegisterUserHandler', 'imported RegisterUserHandler']);
  });

  test('adds the import at the top of a file without imports, below a shebang', async () => {
    const text =
      '#!/usr/bin/env node\nconst registerUser = async () => null;\nexport default registerUser;\n';
    const { content } = await repairOne('src/signup.ts', text);
    expect(content).toBe(
      "#!/usr/bin/env node\nimport type { RegisterUserHandler } from '../generated/handlers.js';\n\n" +
        'const registerUser: RegisterUserHandler = async () => null;\nexport default registerUser;\n',
    );
  });

  test('fixes the path of the handlers import after a move, and no other import', async () => {
    const text =
      "import { HandlerError } from '../generated/errors.js';\n" +
      "import type { RegisterUserHandler } from '../generated/handlers.js';\n" +
      'const registerUser: RegisterUserHandler = async () => null;\nexport default registerUser;\n';
    const { content, changes } = await repairOne('src/users/signup.ts', text);
    expect(content).toBe(
      text.replace("'../generated/handlers.js'", "'../../generated/handlers.js'"),
    );
    expect(changes).toEqual([
      "import path '../generated/handlers.js' → '../../generated/handlers.js'",
    ]);
  });

  test('adds a missing default export for the one const that is clearly the handler', async () => {
    const text =
      "import type { SignupUserHandler } from '../generated/handlers.js';\n" +
      'export const signup: SignupUserHandler = async () => null;\nconst other = 1;';
    const { content, changes } = await repairOne('src/signup.ts', text);
    expect(content).toBe(
      "import type { RegisterUserHandler } from '../generated/handlers.js';\n" +
        'export const signup: RegisterUserHandler = async () => null;\nconst other = 1;\n\n' +
        'export default signup;\n',
    );
    expect(changes).toContain('added "export default signup"');
  });

  test('leaves a handler that needs nothing untouched and reports it clean', async () => {
    const text =
      "import type { RegisterUserHandler } from '../generated/handlers.js';\n" +
      'const registerUser: RegisterUserHandler = async (args) => {\n  return   null ;\n};\n' +
      'export default registerUser;\n';
    const result = await repairHandlers([target('src/signup.ts', text)]);
    expect(result).toEqual({ repaired: [], clean: ['src/signup.ts'], diagnostics: [] });
  });

  test('leaves a type of the user own alone, with a located warning', async () => {
    const text =
      'type Mine = () => Promise<null>;\nconst registerUser: Mine = async () => null;\n' +
      'export default registerUser;\n';
    const result = await repairHandlers([target('src/signup.ts', text)]);
    expect(result.repaired).toEqual([]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'HANDLER_TYPE_CUSTOM',
        file: 'src/signup.ts',
        line: 2,
        column: 21,
      }),
    ]);
  });
});

describe('repairing a JavaScript handler', () => {
  test('updates the JSDoc type name and path, and nothing else', async () => {
    const text =
      "/**\n * Says hello.\n * @type {import('../generated/handlers.js').SignupUserHandler}\n */\n" +
      'const registerUser = async () => null;\n\nexport default registerUser;\n';
    const { content } = await repairOne('src/a/signup.js', text);
    expect(content).toBe(
      text
        .replace("'../generated/handlers.js'", "'../../generated/handlers.js'")
        .replace('SignupUserHandler', 'RegisterUserHandler'),
    );
  });

  test('adds a @type line above a handler that has none, keeping its comment', async () => {
    const text =
      '/** Says hello. */\nconst registerUser = async () => null;\nexport default registerUser;\n';
    const { content } = await repairOne('src/signup.js', text);
    expect(content).toBe(
      "/** Says hello. */\n/** @type {import('../generated/handlers.js').RegisterUserHandler} */\n" +
        'const registerUser = async () => null;\nexport default registerUser;\n',
    );
  });
});

describe('a handler file the generator cannot read', () => {
  test('a syntax error is located in the file', async () => {
    const result = await repairHandlers([
      target('src/signup.ts', 'const registerUser = (;\nexport default registerUser;\n'),
    ]);
    expect(result.repaired).toEqual([]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'HANDLER_SYNTAX', line: 1, column: 23 }),
    ]);
  });

  test('a default export that is not a const of the file says how to write the handler', async () => {
    const result = await repairHandlers([
      target('src/signup.ts', '// hi\nexport default async () => null;\n'),
      target('src/other.ts', "import impl from './impl.js';\nexport default impl;\n"),
    ]);
    expect(result.diagnostics.map((item) => [item.code, item.line, item.column])).toEqual([
      ['HANDLER_NOT_CONST', 2, 1],
      ['HANDLER_NOT_CONST', 2, 1],
    ]);
    expect(result.diagnostics[0]!.message).toContain(
      'Write the handler as "const registerUser: RegisterUserHandler = async (args, ctx) => { ... };"',
    );
  });

  test('no default export and no const that is clearly the handler: never guessed', async () => {
    const none = await repairHandlers([target('src/signup.ts', 'const helper = 1;\n')]);
    expect(none.diagnostics.map((item) => item.code)).toEqual(['HANDLER_NOT_FOUND']);
    const two = await repairHandlers([
      target(
        'src/signup.ts',
        "import type { AHandler, BHandler } from '../generated/handlers.js';\n" +
          'const a: AHandler = async () => null;\nconst b: BHandler = async () => null;\n',
      ),
    ]);
    expect(two.diagnostics.map((item) => [item.code, item.line])).toEqual([
      ['HANDLER_AMBIGUOUS', 3],
    ]);
  });
});

describe('applying edits', () => {
  test('keeps every character outside the edited ranges and refuses overlaps', () => {
    expect(
      applyEdits('a\r\nb\r\nc', [
        { start: 3, end: 4, text: 'B' },
        { start: 0, end: 0, text: '>' },
      ]),
    ).toBe('>a\r\nB\r\nc');
    expect(() =>
      applyEdits('abc', [
        { start: 0, end: 2, text: '' },
        { start: 1, end: 3, text: '' },
      ]),
    ).toThrow(/Overlapping/);
  });
});
