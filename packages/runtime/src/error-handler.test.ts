import { AppError, ErrorCode } from '@chatops/errors';
import { toAppError } from './error-handler';

describe('toAppError', () => {
  it('keeps AppErrors as they are', () => {
    const error = new AppError(ErrorCode.InvalidToken, 'bad');
    expect(toAppError(error)).toBe(error);
    expect(error.httpStatus).toBe(401);
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, ErrorCode.PayloadTooLarge],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, ErrorCode.UnsupportedMediaType],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, ErrorCode.MalformedBody],
  ])('maps fastify %s to %i', (code, status, expected) => {
    const mapped = toAppError(Object.assign(new Error('x'), { code, statusCode: status }));
    expect(mapped.code).toBe(expected);
    expect(mapped.httpStatus).toBe(status);
  });

  it('maps other client errors to 400 and anything else to an opaque 500', () => {
    expect(toAppError(Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 })).httpStatus).toBe(400);
    const internal = toAppError(new TypeError('cannot read x of undefined'));
    expect(internal.code).toBe(ErrorCode.Internal);
    expect(internal.httpStatus).toBe(500);
  });
});
