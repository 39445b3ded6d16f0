/** Sets the browser tab's title: the page's, then the product's. */
import { useEffect } from 'react'

/**
 * @example useTitle(`预警看板（${count}）`)
 */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · 行权`
  }, [title])
}
