/** A fact's value as a reader reads it in a trace: yes/no and none in the language, strings as they are, the rest as JSON. */
const WORDS = { zh: { yes: '是', no: '否', none: '无' }, en: { yes: 'yes', no: 'no', none: 'none' } } as const

/**
 * The words for a value.
 * @example valueWords(true, 'zh') // '是'
 */
export function valueWords(v: unknown, language: 'zh' | 'en'): string {
  if (v === undefined) return '—'
  if (v === true) return WORDS[language].yes
  if (v === false) return WORDS[language].no
  if (v === null) return WORDS[language].none
  return typeof v === 'string' ? v : JSON.stringify(v)
}
