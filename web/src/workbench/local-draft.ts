/** Unsaved edits of a draft kept in the browser, so that they survive a reload (content only, never a credential). */
import { useCallback, useEffect, useState } from 'react'
import type { Draft, DraftExample, RulePack } from './workbench-api'

export interface Working {
  readonly pack: RulePack
  readonly examples: readonly DraftExample[]
}

const key = (draftId: string) => `xq.wb.draft.${draftId}`

interface Stored extends Working {
  /** The saved revision the edits started from; edits made on an older revision are not applied to a newer one. */
  readonly revision: number
}

function read(draft: Draft): Stored | undefined {
  try {
    const raw = localStorage.getItem(key(draft.draftId))
    const stored = raw ? (JSON.parse(raw) as Stored) : undefined
    return stored && stored.revision === draft.revision ? stored : undefined
  } catch {
    return undefined
  }
}

/**
 * The draft as being edited: the unsaved edits when there are some, else the saved content; `dirty` says which.
 * @example const { working, update, dirty, discard } = useWorkingDraft(draft)
 */
export function useWorkingDraft(draft: Draft | undefined) {
  const [working, setWorking] = useState<Working | undefined>(undefined)
  const [dirty, setDirty] = useState(false)
  useEffect(() => {
    if (!draft) return
    const stored = read(draft)
    setWorking(stored ?? { pack: draft.pack, examples: draft.examples })
    setDirty(stored !== undefined)
  }, [draft])
  const update = useCallback(
    (next: Working) => {
      if (!draft) return
      setWorking(next)
      setDirty(true)
      localStorage.setItem(key(draft.draftId), JSON.stringify({ ...next, revision: draft.revision }))
    },
    [draft],
  )
  const discard = useCallback(() => {
    if (!draft) return
    localStorage.removeItem(key(draft.draftId))
    setWorking({ pack: draft.pack, examples: draft.examples })
    setDirty(false)
  }, [draft])
  return { working, update, dirty, discard }
}

/** Forgets the unsaved edits of a draft (after they were saved). */
export const forgetWorking = (draftId: string) => localStorage.removeItem(key(draftId))
