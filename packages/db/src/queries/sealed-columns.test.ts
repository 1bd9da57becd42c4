import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sealedColumns } from './sealed-columns';

/** Every `model`'s fields as the schema file writes them. */
function schemaModels(): Map<string, string[]> {
  const schema = readFileSync(join(__dirname, '../../../../prisma/schema.prisma'), 'utf8');
  const models = new Map<string, string[]>();
  for (const [, name = '', body = ''] of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm))
    models.set(
      name,
      [...body.matchAll(/^ {2}(\w+) /gm)].map(([, field = '']) => field),
    );
  return models;
}

describe('sealedColumns', () => {
  it('finds every *Sealed column of the schema, each in a model keyed by id (secrets:rotate walks by id)', () => {
    const models = schemaModels();
    const expected = [...models].flatMap(([model, fields]) =>
      fields.filter((f) => f.endsWith('Sealed')).map((column) => `${model}.${column}`),
    );
    const found = sealedColumns().map((c) => `${c.model}.${c.column}`);
    expect(found.sort()).toEqual(expected.sort());
    expect(found).toContain('SlackInstallation.botTokenSealed');
    for (const { model } of sealedColumns()) expect(models.get(model)).toContain('id');
  });
});
