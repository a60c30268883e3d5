import { useEffect, useState } from 'react';

/** Whole seconds left until `at` (epoch ms), counting down on screen; 0 when passed or null. */
export function useSecondsUntil(at: number | null): number {
  const [, setTick] = useState(0);
  const left = at === null ? 0 : at - Date.now();
  useEffect(() => {
    if (at === null || left <= 0) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.min(1000, left % 1000 || 1000));
    return () => clearTimeout(timer);
  }, [at, left]);
  return left <= 0 ? 0 : Math.ceil(left / 1000);
}
