import { useStore, type StoreApi } from 'zustand';

/** A framework-free store as a React hook, with the store's getState/setState beside it. */
export type BoundStore<S> = (<T>(selector: (state: S) => T) => T) & Pick<StoreApi<S>, 'getState' | 'setState'>;

/** Binds a vanilla zustand store (zustand/vanilla createStore) to React. */
export function bindStore<S>(store: StoreApi<S>): BoundStore<S> {
  const useBound = <T,>(selector: (state: S) => T): T => useStore(store, selector);
  return Object.assign(useBound, { getState: store.getState, setState: store.setState });
}
