/**
 * Every timing constant and budget in one place, each with the reason for its value.
 */

/**
 * Pointer dwell before a card opens. Long enough that a pointer sweeping across a paragraph on its way elsewhere
 * opens nothing (a sweep crosses a word in well under 100 ms), short enough to feel like a response to resting on
 * a word. Wikipedia's page previews use a similar half-second-scale dwell for links.
 */
export const CARD_OPEN_DELAY_MS = 350;

/**
 * Grace period after the pointer leaves a mention before its card closes, so the pointer can travel from the word
 * into the card (a short diagonal move takes 100–250 ms) without the card vanishing under it.
 */
export const CARD_CLOSE_GRACE_MS = 300;

/**
 * Quiet time after the page's last DOM change before a rescan. News pages mutate in bursts (ads, lazy images,
 * live-blog updates); waiting for the burst to end means one scan per burst instead of one per change.
 */
export const RESCAN_DEBOUNCE_MS = 400;

/**
 * Longest the first scan waits for a busy page before running anyway: if the page never goes quiet (a ticking
 * clock, an animation), the reader still gets the highlights.
 */
export const RESCAN_MAX_WAIT_MS = 2000;

/**
 * Size budget of the built content script, which every page the reader opens has to parse. It carries the text
 * collection, the painting, the card and Preact; not the engine nor the knowledge base (both stay in the background).
 * About 95.3 kB today (session 8's hardening against hostile pages added 2.7 kB; session 9's frames in the badge and
 * popup, hidden copies, back/forward cache and the reader's site in frames, 1.4 kB; session 11's frames taken out or
 * navigated away leaving the badge, 0.6 kB; session 12's plain-text and feed documents, a page claiming the host's
 * name and highlights restored after a page cleared them, 0.7 kB; session 13's page changes as a module of their own
 * and the card's height cap, 0.3 kB; session 14's reading of long pages as the reader goes, 3.1 kB, which takes
 * about 29 ms off switching on the 2 MB benchmark page for the 0.15 ms of parsing it adds to every page, and "near"
 * inside scrolling boxes, 0.7 kB); the engine
 * would add about 13 kB, so the budget leaves a little room to grow and still fails the build test if the engine
 * slips back in. Each kilobyte costs every page about 50 µs of parsing (docs/performance.md).
 */
export const CONTENT_SCRIPT_BUDGET_BYTES = 96_500;

/**
 * A frame with less text than this (about one sentence; scripts and styles not counted) is not read (ads, players,
 * buttons), and Backstory is not even set up there (see `entrypoints/content/index.ts`): news pages embed many small
 * frames with nothing to explain, and each would otherwise pay for the controller and the card, then read and send
 * its text. Such a frame is still watched for a while, in case its text comes later (`FRAME_TEXT_WAIT_MS`).
 */
export const MIN_FRAME_TEXT_CHARS = 80;

/**
 * How long a frame with too little text is watched for more. Embeds (social posts, live blogs, quotes) render their
 * text with a script after their frame has loaded, usually within a second or two; ten seconds covers a slow network
 * without watching an ad slot for the life of the page.
 */
export const FRAME_TEXT_WAIT_MS = 10_000;

/**
 * While a small frame is watched, its text is measured at most this often: ad slots animate and rewrite themselves
 * many times a second, and measuring after every change would cost them more than the check is worth.
 */
export const FRAME_TEXT_CHECK_MS = 250;

/**
 * Longest stretch of work before Backstory yields to the page. Half of a 16 ms frame: the page keeps the other
 * half, and no task of ours comes near the 50 ms that browsers call a long task.
 */
export const SLICE_BUDGET_MS = 8;

/**
 * Past this many changed regions in one batch, one full rescan is cheaper than tracking each change (a page that
 * replaced its whole article, an infinite-scroll page appending dozens of items at once).
 */
export const INCREMENTAL_MAX_ROOTS = 64;

/**
 * Highlights are painted for text within this share of a viewport above and below the visible area, so scrolling
 * finds them already painted; text further away is not painted until it comes near, which keeps the cost of
 * painting tied to the viewport rather than the page length.
 */
export const PAINT_MARGIN_VIEWPORTS = 1;

/**
 * Up to this much page text (characters), new mentions are painted in the task that found them: the painter reads
 * the boxes of the runs' ends at once instead of waiting a frame for the IntersectionObserver's first report and
 * another frame to paint. That is one frame's work less (0.2–0.8 ms of main-thread CPU time on the demo article, in
 * two alternating A/B runs of 16 and 30 rounds) and the highlights a frame or two sooner. Reading a box makes the
 * browser lay the page out at once if the page changed since its last frame: a few milliseconds at most on an
 * article this long, but a long task on a 2 MB page, so longer pages wait for the observer, which never forces
 * layout.
 */
export const SYNC_FIRST_PAINT_MAX_CHARS = 100_000;

/**
 * Most text containers painted as one run, watched for nearness to the viewport at its start and end only. The
 * browser checks every watched element in every frame that scrolls, so watching every container of a long article
 * (1,700 on the 2 MB benchmark page) cost about 10 ms of main thread at load and more while scrolling; with runs of
 * 8 it watches an eighth as many (a run's end is the next run's start). A near run paints all its containers: 8
 * paragraphs that name someone are a screenful or two of text, so painting stays tied to the viewport.
 */
export const PAINT_RUN_CONTAINERS = 8;

/**
 * From this much page text (characters), mentions the reader asked to see underlined are tinted instead. While a
 * highlight with a text decoration is registered, Chrome updates the whole page's compositing inputs each time the
 * page's highlights change: about 7 ms on the 2 MB benchmark page (traced: `Blink.CompositingInputs.UpdateTime`,
 * against 0.1 ms for a background colour alone), paid when Backstory starts and again each time scrolling brings new
 * mentions near. The cost follows the page's length: about 1 ms at this threshold, nothing to notice on an ordinary
 * article.
 */
export const TINT_LONG_PAGES_FROM_CHARS = 300_000;

/**
 * How much of a page's text (characters) is read before Backstory stops and waits for the reader, and how much more
 * each time it reads on. Every news article is read whole: 300,000 characters is some 50,000 words, hours of reading.
 * Past it are transcripts and day-long live pages, where reading, sending and judging the whole text cost the page's
 * main thread in proportion to its length (the 2 MB benchmark page: 36 ms of CPU to switch on, against 13 ms when
 * only its first 300 blocks were read). So the cost follows what the reader reaches, as painting does: the rest is
 * read as the reader scrolls towards it (`READ_ON_VIEWPORTS`), opens a card or the popup, or steps through the names.
 * Not below `TINT_LONG_PAGES_FROM_CHARS`, so a page read in part is painted as the whole page would be.
 */
export const READ_AHEAD_CHARS = 300_000;

/**
 * Backstory reads on when the end of what it has read comes within this many viewport heights below the viewport:
 * far enough ahead that a reader flicking through the page finds the names painted, and reading the next part
 * (tens of milliseconds, sliced) is done before they get there.
 */
export const READ_ON_VIEWPORTS = 10;

/**
 * How long a mention stays flashed after the popup scrolls the page to it: long enough for the eye to find it after
 * the scroll (about a second), short enough not to linger once found.
 */
export const REVEAL_FLASH_MS = 1600;

/**
 * Most characters of page text per message to the background. Serialising a message occupies the page's main thread
 * for about 10 ms a megabyte on a slow machine, all in one go: parts of this size keep each under about 3 ms, and a
 * 5 MB page goes in twenty tasks instead of one of 50 ms.
 */
export const SCAN_MESSAGE_MAX_CHARS = 256_000;

/**
 * While the popup is open, how long it waits after the page says that what it mentions changed before asking for the
 * summary again. The top frame and its frames answer a settings change within a few milliseconds of each other, and a
 * live page may change twice in a burst: one summary for the burst, still well inside the 100 ms in which a change
 * reads as the answer to the reader's click.
 */
export const POPUP_REFRESH_DEBOUNCE_MS = 60;

/**
 * While the popup's tab is still loading a page that Backstory has not reached yet, how often the popup asks again.
 * Most such pages speak once read (the popup hears them at once); this is for the page that turns out unreadable (a
 * PDF, a browser page), so that the popup says so within half a second of the load ending.
 */
export const POPUP_WAITING_POLL_MS = 500;

/**
 * How long the settings page keeps an exported pack's download address before letting it go. The browser starts
 * the download from the click at once; the address must live until it has read the file (a few milliseconds for a
 * pack), and a second is far past that without keeping the file in memory for the life of the page.
 */
export const EXPORT_URL_LIFETIME_MS = 1000;
