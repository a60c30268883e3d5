import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleLock } from './idle-lock';
import { DEFAULT_IDLE_MINUTES, readIdleMinutes, writeIdleMinutes } from './lock-settings';

const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('IdleLock', () => {
  it('locks once the time passes with no activity, and only once', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    new IdleLock(target, 10 * MINUTE, onIdle).start();
    vi.advanceTimersByTime(10 * MINUTE - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it.each(['keydown', 'pointerdown', 'pointermove', 'wheel'])('%s counts as activity and puts the lock off', (type) => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    new IdleLock(target, 10 * MINUTE, onIdle).start();
    vi.advanceTimersByTime(9 * MINUTE);
    target.dispatchEvent(new Event(type));
    vi.advanceTimersByTime(9 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('other events are not activity', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    new IdleLock(target, MINUTE, onIdle).start();
    target.dispatchEvent(new Event('scroll'));
    target.dispatchEvent(new Event('focus'));
    vi.advanceTimersByTime(MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('stopped, it never locks and stops listening', () => {
    const target = new EventTarget();
    const remove = vi.spyOn(target, 'removeEventListener');
    const onIdle = vi.fn();
    const lock = new IdleLock(target, MINUTE, onIdle);
    lock.start();
    lock.stop();
    vi.advanceTimersByTime(10 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    expect(remove).toHaveBeenCalledWith('keydown', expect.any(Function), { capture: true });
  });
});

describe('idle time setting', () => {
  function memory(): Storage {
    const map = new Map<string, string>();
    return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) } as Storage;
  }

  it('defaults to 10 minutes and keeps a choice', () => {
    const storage = memory();
    expect(readIdleMinutes(storage)).toBe(DEFAULT_IDLE_MINUTES);
    expect(DEFAULT_IDLE_MINUTES).toBe(10);
    writeIdleMinutes(30, storage);
    expect(readIdleMinutes(storage)).toBe(30);
  });

  it('reads a value that is not a choice as the default, and refuses to write one', () => {
    const storage = memory();
    storage.setItem('routewatch.lock.idleMinutes', '0');
    expect(readIdleMinutes(storage)).toBe(10);
    storage.setItem('routewatch.lock.idleMinutes', 'never');
    expect(readIdleMinutes(storage)).toBe(10);
    expect(() => writeIdleMinutes(100000, storage)).toThrow();
  });
});
