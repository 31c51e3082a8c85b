import { useEffect, useState } from 'react';
import { serverNow } from './clock.ts';

/** Server time, re-rendering every `ms` while `active`. */
export function useServerNow(active: boolean, ms = 250): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (!active) return;
    setNow(serverNow());
    const t = setInterval(() => setNow(serverNow()), ms);
    return () => clearInterval(t);
  }, [active, ms]);
  return now;
}
