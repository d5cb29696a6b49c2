import { readingEase, syllables } from "/work/main/shared/editor/plain-language.ts";
for (const t of ["No say at all", "A little say", "Some say", "A lot of say", "We decide together", "Don't know", "When people make plans about your support, how much say do you get?"]) console.log(t, readingEase(t), t.split(" ").map(syllables));
