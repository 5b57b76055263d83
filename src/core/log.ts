/**
 * Where a service writes what it does. In the extension it is the `LogOutputChannel` behind `ctx.log`
 * (keys masked); in unit tests any object with these methods.
 */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
