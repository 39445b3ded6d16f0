/** Roles as the API names them, and how the pages say them. */
import type { Schemas } from './client'

export type Role = Schemas['Account_role']

export const ROLE_NAMES: Readonly<Record<Role, { readonly zh: string; readonly en: string }>> = {
  regionAdmin: { zh: '地区管理员', en: 'Region admin' },
  departmentAdmin: { zh: '部门管理员', en: 'Department admin' },
  officer: { zh: '经办人', en: 'Officer' },
  supervisor: { zh: '监察', en: 'Supervisor' },
  auditor: { zh: '审计', en: 'Auditor' },
  legalOfficer: { zh: '法制人员', en: 'Legal officer' },
}
