export { AppError, isAppError, type AppErrorOptions } from './app-error';
export { ErrorCode, httpStatusOf } from './codes';
