import { DatabaseError } from 'pg';
import { valueRefusalOf } from './value-refusal';

const pgError = (code: string, message: string, detail?: string) => {
  const error = new DatabaseError(message, 0, 'error');
  error.code = code;
  if (detail) error.detail = detail;
  return error;
};

describe('valueRefusalOf', () => {
  it.each([
    ['22P05', 'unsupported Unicode escape sequence'],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22P02', 'invalid input syntax for type json'],
  ])("reads node-postgres's %s", (code, message) => {
    expect(valueRefusalOf(pgError(code, message))).toEqual({ sqlState: code, message });
  });

  it("reads Prisma's driver adapter error, keeping PostgreSQL's detail", () => {
    // As PrismaPg throws it (the shape seen from @prisma/adapter-pg 7 over PostgreSQL).
    const error = Object.assign(new Error('unsupported Unicode escape sequence'), {
      name: 'DriverAdapterError',
      cause: {
        originalCode: '22P05',
        originalMessage: 'unsupported Unicode escape sequence',
        kind: 'postgres',
        code: '22P05',
        message: 'unsupported Unicode escape sequence',
        detail: '\\u0000 cannot be converted to text.',
      },
    });
    expect(valueRefusalOf(error)).toEqual({
      sqlState: '22P05',
      message: 'unsupported Unicode escape sequence (\\u0000 cannot be converted to text.)',
    });
  });

  it('is not fooled by failures a retry may cure', () => {
    expect(valueRefusalOf(pgError('40001', 'could not serialize access'))).toBeUndefined();
    expect(valueRefusalOf(pgError('57P01', 'terminating connection due to administrator command'))).toBeUndefined();
    expect(valueRefusalOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(valueRefusalOf(new Error('boom'))).toBeUndefined();
    expect(valueRefusalOf(undefined)).toBeUndefined();
  });
});
