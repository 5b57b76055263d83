import * as assert from 'node:assert';
import { ExactCounter } from '../../src/core/prompts/exactCounter';
import type { PromptRequest } from '../../src/core/prompts/types';

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Only `countParams` matters to the counter. */
function request(text: string): PromptRequest {
  return { countParams: { model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: text }] } } as unknown as PromptRequest;
}

/** A countTokens whose answers the test releases one by one, recording every call. */
function heldCountTokens() {
  const calls: Record<string, unknown>[] = [];
  const pending: (() => void)[] = [];
  const countTokens = (params: Record<string, unknown>) => {
    calls.push(params);
    return new Promise<number>((resolve) => pending.push(() => resolve(42)));
  };
  return { calls, countTokens, releaseAll: () => pending.splice(0).forEach((release) => release()) };
}

const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition(); waited += 5) {
    assert.ok(waited < 2000, 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('ExactCounter', () => {
  it('asks once for a request looked up again while its count is on the way', async () => {
    const api = heldCountTokens();
    const counter = new ExactCounter(api.countTokens, quietLog, 1);
    const counted = new Promise<void>((resolve) => counter.onDidCount(() => resolve()));
    assert.strictEqual(counter.lookup(request('hello')), undefined);
    await until(() => api.calls.length === 1);
    // The lens asks again (another render) before the answer arrives.
    assert.strictEqual(counter.lookup(request('hello')), undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    api.releaseAll();
    await counted;
    assert.strictEqual(counter.lookup(request('hello')), 42);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.strictEqual(api.calls.length, 1);
    counter.dispose();
  });

  it('counts each distinct request once, one at a time, and answers from memory after', async () => {
    const api = heldCountTokens();
    const counter = new ExactCounter(api.countTokens, quietLog, 1);
    counter.lookup(request('a'));
    counter.lookup(request('b'));
    await until(() => api.calls.length === 1);
    api.releaseAll();
    await until(() => api.calls.length === 2);
    api.releaseAll();
    await until(() => counter.lookup(request('b')) === 42);
    assert.strictEqual(counter.lookup(request('a')), 42);
    assert.strictEqual(api.calls.length, 2);
    counter.dispose();
  });

  it('stops asking when the key is missing, until reset', async () => {
    let calls = 0;
    const counter = new ExactCounter(() => {
      calls++;
      return Promise.reject(Object.assign(new Error('401 invalid x-api-key'), { status: 401 }));
    }, quietLog, 1);
    counter.lookup(request('a'));
    await until(() => counter.problem !== undefined);
    counter.lookup(request('b'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.strictEqual(calls, 1);
    counter.reset();
    counter.lookup(request('b'));
    await until(() => calls === 2);
    counter.dispose();
  });
});
