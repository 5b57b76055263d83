import * as assert from 'node:assert';

/** Resolves to what a promise rejects with (fails if it resolves): shared by the fake API's SDK tests. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the request to fail');
}
