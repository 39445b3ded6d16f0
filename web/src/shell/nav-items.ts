/** The pages in the header's navigation, with who sees each (a page checks its own access through the API). */
import type { Role } from '../api/roles'

export interface NavItem {
  readonly path: string
  /** A key of the shell's messages, or a label in both languages. */
  readonly label: { readonly zh: string; readonly en: string }
  readonly roles?: readonly Role[]
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: { zh: '首页', en: 'Home' } },
  {
    path: '/workbench',
    label: { zh: '规则工作台', en: 'Rules workbench' },
    roles: ['legalOfficer', 'regionAdmin', 'departmentAdmin', 'supervisor', 'auditor'],
  },
  { path: '/board', label: { zh: '预警看板', en: 'Alarm board' } },
  {
    path: '/report',
    label: { zh: '监察报告', en: 'Reports' },
    roles: ['supervisor', 'auditor', 'regionAdmin', 'departmentAdmin'],
  },
  {
    path: '/audit/checkpoints',
    label: { zh: '检查点', en: 'Checkpoints' },
    roles: ['auditor', 'supervisor', 'regionAdmin'],
  },
  { path: '/people', label: { zh: '账号管理', en: 'Accounts' }, roles: ['regionAdmin', 'departmentAdmin'] },
]
