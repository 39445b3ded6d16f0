/** The impact of a draft on the cases already recorded: replayed under the draft and under the rules in force. */
export { formatImpact } from './format-impact.js'
export { draftPackList, sidesOf } from './impact-sides.js'
export { ImpactTally, type ImpactReport } from './impact-tally.js'
export { loadDraft } from './load-draft.js'
export { replayBoth } from './paired-replay.js'
export { layerOf, runImpact } from './run-impact.js'
