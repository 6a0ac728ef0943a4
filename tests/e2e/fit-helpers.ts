import { expect, type Locator } from '@playwright/test';

/** The element does not scroll sideways: its content fits the width it has. */
export async function expectNoSidewaysScroll(element: Locator, what: string): Promise<void> {
	const { scrollWidth, clientWidth } = await element.evaluate((node) => ({ scrollWidth: node.scrollWidth, clientWidth: node.clientWidth }));
	expect(scrollWidth, `${what}: content ${scrollWidth} px in ${clientWidth} px`).toBeLessThanOrEqual(clientWidth);
}

/** A select as wide as its widest option needs, measured with the page's own layout: freed of any width limit. */
export async function expectWholeOptions(select: Locator, what: string): Promise<void> {
	const { shown, needed } = await select.evaluate((node: HTMLSelectElement) => {
		const shown = node.getBoundingClientRect().width;
		const saved = node.getAttribute('style');
		node.style.maxWidth = 'none';
		node.style.width = 'auto';
		node.style.flex = 'none';
		const needed = node.getBoundingClientRect().width;
		if (saved === null) node.removeAttribute('style');
		else node.setAttribute('style', saved);
		return { shown, needed };
	});
	expect(shown, `${what} is ${shown} px, its options need ${needed} px`).toBeGreaterThanOrEqual(needed - 0.5);
}
