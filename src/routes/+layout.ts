// A static client app: prerender an empty shell, do all work in the browser.
export const prerender = true;
export const ssr = false;
