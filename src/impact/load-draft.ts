/** A draft on disk: a directory of rule packs (*.pack.json) that would replace those of their ids, checked as the rules are. */
import { existsSync, statSync } from 'node:fs'
import { XingquanError } from '../errors/xingquan-error.js'
import { loadPacks, type LoadedPack } from '../rules/rule-library.js'

/**
 * The packs of a draft directory; throws XingquanError (zh/en, with file and line) when the directory is missing, holds
 * no pack, or a pack is invalid: an impact is never computed on part of a draft.
 * @example const draft = loadDraft('drafts/yellow-margin-5')
 */
export function loadDraft(dir: string): LoadedPack[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new XingquanError({
      code: 'DRAFT_DIR_NOT_FOUND',
      zh: `找不到草稿目录 ${dir}`,
      en: `draft directory not found: ${dir}`,
      file: dir,
    })
  }
  const { packs, problems } = loadPacks(dir)
  if (problems.length > 0) throw new XingquanError(problems)
  if (packs.length === 0) {
    throw new XingquanError({
      code: 'DRAFT_EMPTY',
      zh: `草稿目录 ${dir} 中没有规则包（*.pack.json）`,
      en: `the draft directory ${dir} holds no rule pack (*.pack.json)`,
      file: dir,
    })
  }
  const ids = new Map<string, string>()
  for (const p of packs) {
    const other = ids.get(p.pack.id)
    if (other)
      throw new XingquanError({
        code: 'DRAFT_PACK_TWICE',
        zh: `规则包 ${p.pack.id} 在草稿中出现两次：${other}、${p.file}`,
        en: `pack ${p.pack.id} appears twice in the draft: ${other}, ${p.file}`,
        file: p.file,
      })
    ids.set(p.pack.id, p.file)
  }
  return packs
}
