/** Fetches a same-origin text file, failing with the file's name and HTTP status. */
export async function fetchText(url: string): Promise<string> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
	return response.text();
}
