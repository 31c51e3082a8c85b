import { useEffect, useState } from 'react';

/** One design pixel of the 1920×1080 projector layout, in CSS pixels (the CSS --u, for SVG sizes). */
export function useDesignUnit(): number {
  const measure = () => Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
  const [u, setU] = useState(measure);
  useEffect(() => {
    const onResize = () => setU(measure());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return u;
}
