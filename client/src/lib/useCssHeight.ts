import { useEffect, type RefObject } from 'react';

/**
 * Publishes an element's height as a CSS custom property on <html>
 * (`--banner-h`, `--footer-h`, …), kept current with ResizeObserver, so
 * sticky parts stack instead of covering each other and scroll-padding
 * keeps focused or revealed content clear of them. 0px when unmounted.
 */
export function useCssHeight(ref: RefObject<HTMLElement | null>, name: `--${string}`): void {
  useEffect(() => {
    const el = ref.current;
    const root = document.documentElement;
    if (!el) return;
    const update = () => root.style.setProperty(name, `${el.getBoundingClientRect().height}px`);
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => {
      ro.disconnect();
      root.style.setProperty(name, '0px');
    };
  }, [ref, name]);
}
