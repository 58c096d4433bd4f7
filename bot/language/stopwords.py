"""Words that carry no topic: question words, function words and chat filler.

A question made only of these has nothing to match on. Everything else in a
question is a content word the knowledge must account for, or the bot declines.
"""

STOPWORDS = frozenset("""
a about above again against all also am an and any anything are aren around as at many
be been being below between both but by can cannot could couldn did didn do does doesn
doing don done down during  either  even ever every few for from further get gets
got had has have having he her here hers him his how however i if in into is isn it its itself
just let lets like may me might mine more most much must my myself no nor not now of off
often on once only or other others our ours out over own per please quite rather really
same shall she should so some something such than that thats the their theirs them then
there these they this those through to too under until up upon us very was wasn we were
what whats when whens where wheres whether which while who whom whose whos why will with
within without would yes yet you your yours

actually anyway basically btw briefly can't currently describe detail details exactly
explain info information kind know known let's list mention mentioned mean meaning name
named overview quick quickly rundown say said says short shortly show summarise summarize
summary sure tell tells thing things think want wanted wonder wondering guess curious
okay ok pls plz hey hi hello thanks thank u ur r im ive id youre dont doesnt didnt isnt arent
wasnt werent wont cant couldnt shouldnt wouldnt whats hows whos wheres whens
go goes going gone make makes made take takes took use used using put puts way ways
lot lots bunch buddy mate bro dude guys folks everyone again
hw wat wht wut hv dat dis wen wtf tmrw tbf fyi re according acc yo hiya howdy itll youll theyll hell well theyre youve theyve weve ive youd theyd greetings cheers thx ty bye goodbye lol lmao haha tbh idk imo omg hmm yeah yep ya ppl abt bc cuz pls plz thx etc altogether
come comes came coming purpose purposes aim aims goal goals objective objectives
major main key important primary title titles
true correct accurate passed rn
one ones part parts play plays played role roles include includes including cover covers contain contains involve involves answer answers reply replies supposed need needs give gives giving given
""".split())
