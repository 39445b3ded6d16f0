/**
 * Persistent maps and sets for a case's growing collections (its event ids, its evidence): adding to the newest version
 * costs O(1) and leaves every earlier version as it was, instead of copying the whole collection on each event.
 */

/** What the versions of one lineage share: each key's values with the version that set them, in insertion order. */
interface Lineage<K, V> {
  /** The newest version derived on this lineage; another version branches off before it changes. */
  head: number
  readonly keys: K[]
  readonly history: Map<K, { readonly version: number; readonly value: V }[]>
  /** sizes[v] = the keys of version v that its base does not hold. */
  readonly sizes: number[]
}

/** Branches on branches deeper than this are copied flat. */
const MAX_DEPTH = 8

/**
 * An immutable map. `with` on the newest version of its lineage appends to the shared history (O(1)); on an older
 * version (a branch: the same state given two different next events) it starts a new lineage over that version
 * (O(1) too; past a few branches deep the branch is copied flat). Reads see only the entries of their own version.
 * Values are never undefined.
 * @example const a = VersionedMap.empty<string, number>(); const b = a.with('x', 1); a.has('x') // false; b.get('x') // 1
 */
export class VersionedMap<K, V> implements ReadonlyMap<K, V> {
  readonly [Symbol.toStringTag] = 'Map'

  private constructor(
    private readonly lineage: Lineage<K, V>,
    private readonly version: number,
    /** The version this lineage branched from, if it did. */
    private readonly base: VersionedMap<K, V> | undefined,
    private readonly depth: number,
  ) {}

  /** An empty map. */
  static empty<K, V>(): VersionedMap<K, V> {
    return VersionedMap.over<K, V>(undefined, 0)
  }

  private static over<K, V>(base: VersionedMap<K, V> | undefined, depth: number): VersionedMap<K, V> {
    return new VersionedMap<K, V>({ head: 0, keys: [], history: new Map(), sizes: [0] }, 0, base, depth)
  }

  /**
   * A map of the entries, in their order (a later entry of the same key wins).
   * @example VersionedMap.of([['d1', evidence]])
   */
  static of<K, V>(entries: Iterable<readonly [K, V]>): VersionedMap<K, V> {
    let map = VersionedMap.empty<K, V>()
    for (const [k, v] of entries) map = map.with(k, v)
    return map
  }

  get size(): number {
    return this.lineage.sizes[this.version]! + (this.base?.size ?? 0)
  }

  /** The value this lineage itself holds for the key at this version. */
  private own(key: K): V | undefined {
    const h = this.lineage.history.get(key)
    if (!h) return undefined
    for (let i = h.length - 1; i >= 0; i--) if (h[i]!.version <= this.version) return h[i]!.value
    return undefined
  }

  get(key: K): V | undefined {
    return this.own(key) ?? this.base?.get(key)
  }

  has(key: K): boolean {
    return this.get(key) !== undefined
  }

  /**
   * This map with `key` set to `value`; this map itself is unchanged.
   * @example const next = evidence.with('d1', { ...before, removed: true })
   */
  with(key: K, value: V): VersionedMap<K, V> {
    if (this.lineage.head !== this.version) {
      const branch = this.depth >= MAX_DEPTH ? VersionedMap.of(this.entries()) : VersionedMap.over(this, this.depth + 1)
      return branch.with(key, value)
    }
    const l = this.lineage
    const next = this.version + 1
    let h = l.history.get(key)
    const added = this.own(key) === undefined && this.base?.has(key) !== true
    if (!h) {
      h = []
      l.history.set(key, h)
      l.keys.push(key)
    }
    h.push({ version: next, value })
    l.sizes[next] = l.sizes[this.version]! + (added ? 1 : 0)
    l.head = next
    return new VersionedMap(l, next, this.base, this.depth)
  }

  *entries(): MapIterator<[K, V]> {
    if (this.base) for (const [k, v] of this.base.entries()) yield [k, this.own(k) ?? v]
    for (const k of this.lineage.keys) {
      const v = this.own(k)
      if (v === undefined || this.base?.has(k)) continue
      yield [k, v]
    }
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries()
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this)
  }
}

/**
 * An immutable set on a VersionedMap: `with` is O(1), earlier versions are unchanged.
 * @example const ids = VersionedSet.of(['e1']).with('e2'); ids.has('e2') // true
 */
export class VersionedSet<T> implements ReadonlySet<T> {
  readonly [Symbol.toStringTag] = 'Set'

  private constructor(private readonly map: VersionedMap<T, true>) {}

  static of<T>(values: Iterable<T>): VersionedSet<T> {
    let map = VersionedMap.empty<T, true>()
    for (const v of values) if (!map.has(v)) map = map.with(v, true)
    return new VersionedSet(map)
  }

  get size(): number {
    return this.map.size
  }

  has(value: T): boolean {
    return this.map.has(value)
  }

  /** This set with `value` added (itself when it holds it already). */
  with(value: T): VersionedSet<T> {
    return this.map.has(value) ? this : new VersionedSet(this.map.with(value, true))
  }

  *values(): SetIterator<T> {
    yield* this.map.keys()
  }

  keys(): SetIterator<T> {
    return this.values()
  }

  *entries(): SetIterator<[T, T]> {
    for (const v of this.map.keys()) yield [v, v]
  }

  [Symbol.iterator](): SetIterator<T> {
    return this.values()
  }

  forEach(callback: (value: T, value2: T, set: ReadonlySet<T>) => void, thisArg?: unknown): void {
    for (const v of this.map.keys()) callback.call(thisArg, v, v, this)
  }
}

/** What the versions of one list share: its items, and folds of its prefixes kept per key. */
interface ListLineage<T> {
  readonly items: T[]
  readonly folds: WeakMap<object, { readonly values: unknown[] }>
}

/**
 * An immutable list that grows at its end: `with` on the longest version of its lineage appends (O(1)); on a shorter
 * one it copies first. A fold over its prefixes (foldPrefix) is kept, so reading it again after one more item costs
 * one step, not a walk of the whole list.
 * @example const l = VersionedList.of([1, 2]).with(3); [...l] // [1, 2, 3]
 */
export class VersionedList<T> implements Iterable<T> {
  private constructor(
    private readonly lineage: ListLineage<T>,
    readonly length: number,
  ) {}

  static of<T>(items: Iterable<T>): VersionedList<T> {
    const all = [...items]
    return new VersionedList<T>({ items: all, folds: new WeakMap() }, all.length)
  }

  /** This list with `item` at its end; this list itself is unchanged. */
  with(item: T): VersionedList<T> {
    if (this.lineage.items.length !== this.length) return VersionedList.of([...this, item])
    this.lineage.items.push(item)
    return new VersionedList(this.lineage, this.length + 1)
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.lineage.items[i]!
  }

  /** The first item that passes `test`, as Array#find. */
  find(test: (item: T) => boolean): T | undefined {
    const { items } = this.lineage
    for (let i = 0; i < this.length; i++) if (test(items[i]!)) return items[i]
    return undefined
  }

  /** Whether some item passes `test`, as Array#some. */
  some(test: (item: T) => boolean): boolean {
    const { items } = this.lineage
    for (let i = 0; i < this.length; i++) if (test(items[i]!)) return true
    return false
  }

  /** The items that pass `test`, as an array. */
  filter(test: (item: T) => boolean): T[] {
    const out: T[] = []
    const { items } = this.lineage
    for (let i = 0; i < this.length; i++) if (test(items[i]!)) out.push(items[i]!)
    return out
  }

  toArray(): T[] {
    return this.lineage.items.slice(0, this.length)
  }

  /** As JSON: the array of its items. */
  toJSON(): T[] {
    return this.toArray()
  }

  /**
   * The fold of the whole list, `step` applied item by item from `init`. Kept per `key` (an object whose identity
   * stands for `step` and what it reads, e.g. a calendar): the same key must always come with the same step.
   * @example list.foldPrefix(calendar, (max, r) => Math.max(max, days(r)), 0)
   */
  foldPrefix<A>(key: object, step: (acc: A, item: T) => A, init: A): A {
    if (this.length === 0) return init
    let memo = this.lineage.folds.get(key)
    if (!memo) {
      memo = { values: [] }
      this.lineage.folds.set(key, memo)
    }
    const values = memo.values as A[]
    for (let i = values.length; i < this.length; i++)
      values.push(step(i === 0 ? init : values[i - 1]!, this.lineage.items[i]!))
    return values[this.length - 1]!
  }
}
