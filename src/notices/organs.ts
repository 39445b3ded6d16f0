/** The issuing organs declared per jurisdiction (rules/organs/*.organs.json), and which organ issues a notice for a case. */
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import { DEFAULT_RULES_DIR, findFiles } from '../rules/rule-library.js'
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'
import { parseAndValidate } from '../schema/validator.js'
import type { Organ, OrganFile, OrganKind } from '../types/generated.js'

export const DEFAULT_ORGANS_DIR = join(DEFAULT_RULES_DIR, 'organs')

/** An organ with the jurisdiction it belongs to and the file that declares it. */
export interface DeclaredOrgan extends Organ {
  readonly jurisdiction: { readonly code: string; readonly name: string }
  readonly file: string
}

const KIND_NAMES: Record<OrganKind, string> = {
  platformAuthority: '行权平台主管部门',
  supervisoryOrgan: '监察机关',
  legalOffice: '法制部门',
  actingDepartment: '行权部门',
}

/**
 * Reads every `*.organs.json` under `dir`; returns the organs and the problems (schema, duplicate id, duplicate kind in a jurisdiction).
 * @example const { organs, problems } = loadOrgans('rules/organs')
 */
export function loadOrgans(dir = DEFAULT_ORGANS_DIR): { organs: DeclaredOrgan[]; problems: Problem[] } {
  const organs: DeclaredOrgan[] = []
  const problems: Problem[] = []
  if (!existsSync(dir)) return { organs, problems }
  for (const path of findFiles(dir, '.organs.json')) {
    const file = relative(process.cwd(), path) || path
    let data: OrganFile
    try {
      data = parseAndValidate<OrganFile>('organ', readFileSync(path, 'utf8'), file)
    } catch (err) {
      if (err instanceof XingquanError) {
        problems.push(...err.problems)
        continue
      }
      throw err
    }
    for (const [i, organ] of data.organs.entries()) {
      const twin = organs.find((o) => o.id === organ.id)
      if (twin)
        problems.push({
          code: 'ORGAN_ID_DUPLICATE',
          file,
          pointer: `/organs/${i}/id`,
          zh: `机关编号“${organ.id}”与 ${twin.file} 重复；文号序列按编号计，不能共用`,
          en: `organ id "${organ.id}" is also used in ${twin.file}; number sequences are kept per id`,
        })
      const sameKind = organs.find(
        (o) => o.jurisdiction.code === data.jurisdiction.code && o.kind === organ.kind && o.kind !== 'actingDepartment',
      )
      if (sameKind)
        problems.push({
          code: 'ORGAN_KIND_DUPLICATE',
          file,
          pointer: `/organs/${i}/kind`,
          zh: `${data.jurisdiction.name}已有${KIND_NAMES[organ.kind]}“${sameKind.name}”`,
          en: `${data.jurisdiction.code} already has a ${organ.kind}: ${sameKind.name}`,
        })
      const sameDept =
        organ.departmentCode !== undefined ? organs.find((o) => o.departmentCode === organ.departmentCode) : undefined
      if (sameDept)
        problems.push({
          code: 'ORGAN_DEPARTMENT_DUPLICATE',
          file,
          pointer: `/organs/${i}/departmentCode`,
          zh: `行权部门代码“${organ.departmentCode}”已由“${sameDept.name}”使用`,
          en: `department code "${organ.departmentCode}" is already used by ${sameDept.name}`,
        })
      organs.push(Object.freeze({ ...organ, jurisdiction: data.jurisdiction, file }))
    }
  }
  return { organs, problems }
}

/**
 * The organs of a directory; throws XingquanError when a file is broken.
 * @example const organs = loadOrgansOrThrow('rules/organs')
 */
export function loadOrgansOrThrow(dir = DEFAULT_ORGANS_DIR): DeclaredOrgan[] {
  const { organs, problems } = loadOrgans(dir)
  if (problems.length > 0) throw new XingquanError(problems)
  return organs
}

type DepartmentRef = { readonly code: string; readonly name: string; readonly jurisdiction: string }

/** Whether the organ is the department itself (a platform authority handling a report of its own, say). */
export const isDepartment = (o: DeclaredOrgan, department: DepartmentRef): boolean =>
  o.name === department.name || (o.departmentCode !== undefined && o.departmentCode === department.code)

/** The organs of `kind` covering the jurisdiction, nearest first (县 → 州 → 省). */
function covering(organs: readonly DeclaredOrgan[], kind: OrganKind, jurisdiction: string): DeclaredOrgan[] {
  return organs
    .filter((o) => o.kind === kind && jurisdiction.startsWith(jurisdictionPrefix(o.jurisdiction.code)))
    .sort((a, b) => jurisdictionPrefix(b.jurisdiction.code).length - jurisdictionPrefix(a.jurisdiction.code).length)
}

/**
 * The organ of `kind` for a case of this department: an acting department by its code; any other kind in the
 * department's jurisdiction, else the nearest upper one (县 → 州 → 省). An organ never writes to itself (unless
 * `writesToDepartment` is false: a reply to a reporter comes from the unit that received the report): when the
 * department is that organ (a 县政府办公室 that handles a report and lets it run late), the same kind one level up
 * issues, else the supervisory organ. Throws ORGAN_UNDECLARED when none is declared.
 * @example resolveOrgan(organs, 'supervisoryOrgan', { code: 'lx-scjgj', name: '理县市场监督管理局', jurisdiction: '513222' }).name // '理县监察委员会'
 */
export function resolveOrgan(
  organs: readonly DeclaredOrgan[],
  kind: OrganKind,
  department: DepartmentRef,
  options: { writesToDepartment?: boolean } = {},
): DeclaredOrgan {
  if (kind === 'actingDepartment') {
    const own = organs.find((o) => o.kind === kind && o.departmentCode === department.code)
    if (own) return own
  } else {
    const other = (o: DeclaredOrgan) => options.writesToDepartment === false || !isDepartment(o, department)
    const found =
      covering(organs, kind, department.jurisdiction).find(other) ??
      covering(organs, 'supervisoryOrgan', department.jurisdiction).find(other)
    if (found) return found
  }
  const whom =
    kind === 'actingDepartment'
      ? `行权部门“${department.name}”（代码 ${department.code}，须声明 departmentCode）`
      : `行政区划 ${department.jurisdiction} 及其上级的${KIND_NAMES[kind]}`
  throw new XingquanError({
    code: 'ORGAN_UNDECLARED',
    zh: `没有声明${whom}，无法确定发文机关；请在 rules/organs/ 中声明`,
    en: `no ${kind} is declared for ${kind === 'actingDepartment' ? `department ${department.code}` : `jurisdiction ${department.jurisdiction} or above`}; declare it in rules/organs/`,
  })
}

/** The Chinese name of an organ kind. */
