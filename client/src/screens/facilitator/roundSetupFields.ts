import { PRESETS, presetOverrides, type BallotPreset } from '../../../../shared/domain/index.ts';
import type { Visibility } from '../../../../shared/protocol/schemas.ts';
import type { RoundView } from '../../../../shared/protocol/views.ts';
import type { MessageId } from '../../i18n/catalogs.ts';
import { practiceForm, type PracticeForm } from './practiceForm.ts';

/**
 * The round setup form's state as text fields (what the facilitator typed),
 * filled from a stored draft or empty, and the ballot presets it offers.
 * Pure: RoundSetup.tsx turns it into a round:create/update payload.
 */

export type PresetChoice = 'formula' | BallotPreset['id'];

/** The ballot presets the form offers (d21-method.md §4). */
export const PRESET_CHOICES: { id: PresetChoice; name: MessageId; detail: MessageId }[] = [
  { id: 'formula', name: 'console.setup.preset.formula', detail: 'console.setup.preset.formulaDetail' },
  { id: 'nyc', name: 'console.setup.preset.nyc', detail: 'console.setup.preset.nycDetail' },
  { id: 'prague10', name: 'console.setup.preset.prague10', detail: 'console.setup.preset.prague10Detail' },
];

export interface Fields {
  question: string;
  proposalIds: string[];
  winners: string;
  plus: string;
  minus: string;
  ratio: string;
  minutes: string;
  budget: string;
  visibility: Visibility;
  lockBallots: boolean;
  /** A preset fills the plus/minus/ratio fields left empty (as the server does). */
  preset: PresetChoice;
  /** §5 settings (PracticeFields). */
  practice: PracticeForm;
}

const str = (v: number | null) => (v === null ? '' : String(v));
/** Budget field text: grouped digits of the current language, no currency (typed back by parseAmount). */
export const fmtAmount = (n: number) => new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 0 }).format(n);

/** A round saved from a preset stores its numbers: recognise them so the form shows the preset again. */
function presetOf(r: RoundView): BallotPreset['id'] | null {
  for (const id of Object.keys(PRESETS) as BallotPreset['id'][]) {
    const p = presetOverrides(id, r.proposalIds.length);
    if (r.overrides.plus === p.plus && r.overrides.minus === p.minus && r.overrides.ratio === p.ratio) return id;
  }
  return null;
}

export function fromRound(r: RoundView): Fields {
  const preset = presetOf(r);
  return {
    question: r.question,
    proposalIds: r.proposalIds,
    winners: String(r.rules.winners),
    preset: preset ?? 'formula',
    plus: preset ? '' : str(r.overrides.plus),
    minus: preset ? '' : str(r.overrides.minus),
    ratio: preset ? '' : str(r.overrides.ratio),
    minutes: r.durationSec === null ? '' : String(Math.round((r.durationSec / 60) * 100) / 100),
    budget: r.budget === null ? '' : fmtAmount(r.budget),
    visibility: r.visibility,
    lockBallots: r.lockBallots,
    practice: practiceForm(r.practice),
  };
}

/** A new round's form: one winner, the D21 formula, results live. */
export function emptyFields(): Fields {
  return {
    question: '',
    proposalIds: [],
    winners: '1',
    plus: '',
    minus: '',
    ratio: '',
    minutes: '',
    budget: '',
    visibility: 'live',
    lockBallots: false,
    preset: 'formula',
    practice: practiceForm(),
  };
}

/** A typed number (a decimal comma too); undefined when empty, NaN when not a number. */
export function num(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : Number.NaN;
}
