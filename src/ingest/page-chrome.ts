/**
 * Text of web-page furniture that reads the same in a saved page and in text
 * pasted from one: photo credits, "Read more" and other link labels, print
 * edition footers. Shared by the HTML reader and the pasted-text parser.
 */

/** Text of a block that only points elsewhere ("Read more: ...", "Read the full transcript here"). */
export const LINK_LABEL = /^(?:read (?:more|next|the full|also|the rest)|more on this|more from|see also|related(?: stories| articles| coverage| reading)?\b|recommended(?: for you)?|continue reading|most (?:read|popular|viewed)|you (?:may|might) also like|tag cloud|tags?:|topics?:|share (?:this|on|via|full article|the article)|(?:leave|post|add|write) a (?:comment|reply)\b|join the (?:conversation|discussion)\b|sign in to (?:keep|continue) reading\b|follow us|sign up|subscribe|advertisement$|skip (?:to|advert)|(?:watch|listen)(?: to)? (?:the )?(?:full |live )?(?:video|podcast|episode|interview|stream)\b|click here|(?:read|share) (?:or (?:read|share) )?this (?:story|article)\b|(?:download|view) (?:the )?(?:full |pdf )?(?:report|pdf|transcript)\b)/i;

/** Text of a photo credit. */
export const CREDIT = /^(?:(?:photo|photograph|image|picture|illustration|video|graphic)s?(?:\s+(?:by|credit))?\s*[:©]|credits?\s*:|©|\(?(?:photo|image)\s*:|(?:getty images|reuters|afp|ap photo|associated press|shutterstock|alamy|epa|bloomberg)\b[^.]{0,60}$|[A-Za-zÀ-ÿ .'-]{2,60}\/\s*(?:getty(?: images)?|reuters|afp|ap(?: photo)?|associated press|shutterstock|alamy|epa|bloomberg|corbis|redux|polaris|zuma(?: press)?)\b[^.]{0,40}$)/i;

/** A credit at the end of a caption or paragraph: "... at dawn. Photo: Jane Roe". */
export const CREDIT_TAIL = /\s*(?:(?:photo|photograph|image|illustration)s?(?:\s+(?:by|credit))?\s*[:©]|credits?\s*:|©)\s*[^.]{1,80}$/i;

/** Text of a print edition footer. */
export const PRINT_FOOTER = /^(?:a version of this (?:article|story) appears in print\b|this article appeared in the print edition\b|an earlier version of this article appeared in print\b)/i;
