/** Who recorded something, as people read it: "admin (regionAdmin, ses_…)" → "admin（地区管理员）". */
import { ROLE_NAMES, type Role } from '../api/roles'
import type { Language } from '../i18n/messages'

/**
 * @example formatRecordedBy('wang (officer, ses_1a2b)') // 'wang（经办人）'
 */
export function formatRecordedBy(by: string, language: Language = 'zh'): string {
  const m = /^(.*) \((\w+), ([\w-]+)\)$/.exec(by)
  const role = m && (ROLE_NAMES as Record<string, { zh: string; en: string } | undefined>)[m[2] as Role]
  if (!m || !role) return by === 'system' ? (language === 'zh' ? '系统' : 'system') : by
  return language === 'zh' ? `${m[1]}（${role.zh}）` : `${m[1]} (${role.en})`
}
