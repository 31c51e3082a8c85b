/** The tiny router's navigation: pushState plus an event main.tsx listens to. */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
