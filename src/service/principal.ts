/** Who is calling: a token's role and scope after 阿坝州办法 第九条、第三十三条, and what each role may see and do. */
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'
import { forbidden } from './service-error.js'

/** legalOfficer 法制人员: reads the rules and cases of its territory, drafts and submits rule changes, records no case. */
export const ROLES = ['regionAdmin', 'departmentAdmin', 'officer', 'supervisor', 'auditor', 'legalOfficer'] as const
export type Role = (typeof ROLES)[number]

export interface Principal {
  readonly tokenId: string
  readonly subject: string
  readonly role: Role
  /** 行政区划代码: a region-wide role sees this code's territory (510000: all Sichuan). */
  readonly jurisdiction: string
  /** For department admins and officers: the acting department. */
  readonly department: string | null
}

/** Where a case or an item belongs. */
export interface Placement {
  readonly jurisdiction: string
  readonly department: string
}

const REGION_WIDE: ReadonlySet<Role> = new Set(['regionAdmin', 'supervisor', 'auditor', 'legalOfficer'])

/** The name a write is recorded under. */
export const recordedBy = (p: Principal): string => `${p.subject} (${p.role}, ${p.tokenId})`

/**
 * True when the principal's scope covers the jurisdiction code (its territory includes it).
 * @example covers({ jurisdiction: '513200', … }, '513222') // true
 */
export function coversJurisdiction(p: Principal, jurisdiction: string): boolean {
  return jurisdiction.startsWith(jurisdictionPrefix(p.jurisdiction))
}

/**
 * True when the principal may read what is placed there: region-wide roles within their territory, department roles
 * within their own department.
 * @example canRead(officer, { jurisdiction: '513222', department: 'lx-scjgj' })
 */
export function canRead(p: Principal, at: Placement): boolean {
  if (REGION_WIDE.has(p.role)) return coversJurisdiction(p, at.jurisdiction)
  return p.department === at.department && p.jurisdiction === at.jurisdiction
}

/**
 * True when the principal may record a case event there. Officers and department admins of the department, region
 * admins in their territory; supervisors only complaints and reports and their replies (监察机关受理并调查处理投诉，电子监察办法
 * 第四条（二）); auditors never.
 * @example canWriteCase(officer, placement, 'stepStarted')
 */
export function canWriteCase(p: Principal, at: Placement, eventType: string): boolean {
  switch (p.role) {
    case 'officer':
    case 'departmentAdmin':
      return canRead(p, at)
    case 'regionAdmin':
      return coversJurisdiction(p, at.jurisdiction)
    case 'supervisor':
      return (
        (eventType === 'complaintReceived' || eventType === 'complaintAnswered') &&
        coversJurisdiction(p, at.jurisdiction)
      )
    case 'auditor':
    case 'legalOfficer':
      return false
  }
}

/**
 * Throws 403 unless the principal has one of the roles.
 * @example requireRole(principal, 'regionAdmin')
 */
export function requireRole(p: Principal, ...roles: Role[]): void {
  if (!roles.includes(p.role)) {
    throw forbidden(
      `此操作需要以下角色之一：${roles.join('、')}（当前为 ${p.role}）`,
      `this needs one of the roles ${roles.join(', ')} (the token is ${p.role})`,
    )
  }
}

/**
 * The SQL scope of a listing: a jurisdiction prefix, and a department when the role is a department's.
 * @example const { prefix, department } = scopeOf(principal)
 */
export function scopeOf(p: Principal): { prefix: string; department: string | null; jurisdiction: string } {
  return REGION_WIDE.has(p.role)
    ? { prefix: jurisdictionPrefix(p.jurisdiction), department: null, jurisdiction: p.jurisdiction }
    : { prefix: p.jurisdiction, department: p.department, jurisdiction: p.jurisdiction }
}

/**
 * The roles a principal may issue tokens for, and where: region admins any role within their territory; department
 * admins officers and department admins of their own department.
 * @example mayIssue(admin, { role: 'officer', jurisdiction: '513222', department: 'lx-scjgj' })
 */
export function mayIssue(p: Principal, spec: { role: Role; jurisdiction: string; department: string | null }): boolean {
  if (p.role === 'regionAdmin') return coversJurisdiction(p, spec.jurisdiction)
  if (p.role === 'departmentAdmin') {
    return (
      (spec.role === 'officer' || spec.role === 'departmentAdmin') &&
      spec.jurisdiction === p.jurisdiction &&
      spec.department === p.department
    )
  }
  return false
}
