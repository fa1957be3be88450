import { readFile } from 'node:fs/promises';

import type { HelperDelegate, TemplateDelegate } from 'handlebars';

/** The `templates/` folder of the package; `dist/emit` mirrors `generator/emit`, so both work. */
export const TEMPLATES_DIR = new URL('../../templates/', import.meta.url);

/**
 * Renders `templates/<name>.hbs` with `data`. Output is code, so nothing is HTML-escaped, and a
 * template that names a missing value fails instead of printing an empty string.
 */
export async function renderTemplate(name: string, data: object): Promise<string> {
  const template = await compiledTemplate(name);
  return template(data);
}

const compiled = new Map<string, Promise<TemplateDelegate>>();

/** Each template is read and compiled once per process. */
function compiledTemplate(name: string): Promise<TemplateDelegate> {
  let template = compiled.get(name);
  if (template === undefined) {
    template = compileTemplate(name);
    compiled.set(name, template);
  }
  return template;
}

async function compileTemplate(name: string): Promise<TemplateDelegate> {
  const [{ default: Handlebars }, source] = await Promise.all([
    import('handlebars'),
    readFile(new URL(`${name}.hbs`, TEMPLATES_DIR), 'utf8'),
  ]);
  const environment = Handlebars.create();
  for (const [helperName, helper] of Object.entries(HELPERS)) {
    environment.registerHelper(helperName, helper);
  }
  return environment.compile(source, { noEscape: true, strict: true });
}

/** Helpers the templates use; each one formats a value, none holds logic of its own. */
const HELPERS: Record<string, HelperDelegate> = {
  /**
   * `{{{json value}}}`: a JSON value for a property of a JSON template; arrays stay on one
   * line, objects are indented one level.
   */
  json: (value: unknown) =>
    Array.isArray(value)
      ? `[${value.map((item) => JSON.stringify(item)).join(', ')}]`
      : JSON.stringify(value, null, 2).replace(/\n/g, '\n  '),
};
