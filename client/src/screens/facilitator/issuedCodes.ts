/**
 * Codes issued in this console session. They exist nowhere else: the server
 * keeps only their hashes, and they are never written to localStorage.
 * A framework-free store (zustand/vanilla) bound to React for the codes panel.
 */
import { createStore } from 'zustand/vanilla';
import type { IssuedCode } from '../../../../shared/protocol/views.ts';
import { bindStore } from '../../lib/bindStore.ts';

export interface IssuedStore {
  assemblyId: string;
  /** The last batch generated, to print. */
  batch: IssuedCode[];
  /** Replacement cards issued one at a time, newest first. */
  replacements: { code: IssuedCode; forLabel: number }[];
  /** Codes issued but not sent to the printer yet (the page warns before closing). */
  unprinted: Set<string>;
  /** What the print sheet shows, if open. */
  sheet: { codes: IssuedCode[]; heading: string } | null;
}

const initialIssued = (assemblyId: string): IssuedStore => ({ assemblyId, batch: [], replacements: [], unprinted: new Set(), sheet: null });

export const useIssued = bindStore(createStore<IssuedStore>()(() => initialIssued('')));

/** Forgets the codes of another assembly. */
export function forAssembly(assemblyId: string): void {
  if (useIssued.getState().assemblyId !== assemblyId) useIssued.setState(initialIssued(assemblyId));
}
