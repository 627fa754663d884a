"""Icons and a headline for any paragraph, chosen from its words.

:func:`pick_icons` turns a paragraph into 1..k icon slugs of
``material-design-icons-pack``; :func:`headline_for` into a short headline::

    >>> pick_icons("I cool off in the pool, then eat ice cream.")
    ['pool', 'ice-cream']
    >>> headline_for("Machine Learning is a booming field, the great AI...")
    'Machine Learning'

Words are matched through a curated keyword map (a few hundred common words
and their synonyms), then against the icon slugs themselves (exact slugs,
multi-word slugs like ``ice-cream`` from "ice cream", and slugs starting with
the word).  Word forms are reduced by a tiny stemmer (plurals, ``-ing``,
``-ed``, a few irregular forms).  Distinctive words win: common words score
lower, earlier words slightly higher, repeated words higher.  Deprecated brand
icons are never used, and ``-outline``/``-off``/``-remove`` variants only when
nothing else fits.  Everything is deterministic and runs in milliseconds
(after a one-off index of the 7,000+ slugs).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import material_design_icons_pack as mdi

from ..visuals.icons import icon_names

#: Shown when no word of the paragraph matches an icon.
FALLBACK_ICON = "text-box-outline"
#: The fallback for a paragraph that asks something.
FALLBACK_QUESTION_ICON = "lightbulb-on-outline"
#: The language of the keyword map; a paragraph in another language gets the fallback icon.
LANGUAGE = "en"

# --- the curated map ------------------------------------------------------------
# "slug: word word ..." -- every word (a lemma; plurals and -ing/-ed forms are
# found by the stemmer) and every "multi word" phrase shows that icon.
_CURATED_SPEC = """
coffee: coffee espresso cappuccino latte caffeine barista mocha americano
coffee-to-go: takeaway
tea: tea teapot
cup-water: thirsty
glass-wine: wine champagne
glass-cocktail: cocktail bar drinks
beer: beer pub ale lager
bottle-wine: bottle
food-fork-drink: food meal dinner lunch restaurant eat ate dine dining breakfast brunch supper cuisine feast hungry menu
food-apple: apple fruit snack diet nutrition
carrot: carrot vegetable veggie salad
pizza: pizza
hamburger: burger hamburger fastfood
noodles: noodle spaghetti pasta ramen
rice: rice sushi
bread-slice: bread toast sandwich bakery
baguette: baguette croissant
cake-variant: cake birthday dessert
cupcake: cupcake muffin
cookie: cookie biscuit
candy: candy sweet chocolate sugar
egg-fried: egg omelette
cheese: cheese
fish: fish seafood salmon tuna fishing
chef-hat: chef cook cooking kitchen recipe bake baking
pot-steam: soup stew boil
ice-cream: ice-cream gelato
fruit-cherries: cherry berry strawberry
fruit-citrus: orange lemon lime citrus
fruit-grapes: grape vineyard
fruit-watermelon: watermelon melon
chili-hot: spicy chili pepper
mushroom: mushroom fungus
sprout: sprout plant seedling growth grow gardening garden
leaf: leaf green eco ecology organic
tree: tree wood oak
pine-tree: pine christmas
forest: forest woods jungle
flower: flower roses bloom blossom spring bouquet
cactus: cactus desert
barn: farm farmer barn ranch agriculture
tractor: tractor harvest
laptop: laptop notebook-computer computer pc programming programmer developer software
code-braces: code coding coder script javascript json
snake: python snake
console: terminal console command shell bash linux
bug: bug debug debugging glitch
database: data database dataset sql table
chart-line: chart graph trend statistics stats analytics metric growth-chart forecast forecasting
chart-bar: histogram bar-chart
chart-pie: pie percentage share
cloud: cloud aws azure
server: server backend hosting datacenter
robot: robot ai android bot automation artificial-intelligence machine machines
brain: brain machine-learning deep-learning neural-network mind neural intelligence smart clever genius think thinking thought
head-lightbulb: idea ideas brainstorm creativity creative inspiration invent invention imagination
lightbulb-on: lightbulb bulb insight eureka
school: school education graduate graduation university college academy diploma degree student
book-open-variant: book read reading novel story literature library chapter page
notebook: notebook journal diary notes
pencil: pencil write writing writer draw drawing sketch edit
clipboard-text: checklist list task todo assignment plan planning
file-document: document paper report file pdf
newspaper: news newspaper article press journalism
email: email mail inbox letter message
message-text: text sms chat chatting
forum: conversation discussion talk dialogue
cellphone: phone smartphone mobile cellphone iphone app
phone-classic: telephone call
web: internet web website online browser
wifi: wifi wireless
account-group: team teamwork colleague colleagues coworker people group crowd community family friends friend audience
account-tie: manager boss ceo executive businessman employee professional
account: person user member profile somebody someone man woman guy
human-child: child kid children boy girl
baby-face: baby infant toddler
handshake: meeting meet deal partner partnership agreement collaboration cooperate
presentation: presentation slide slides pitch conference lecture
calendar-month: calendar schedule date appointment week month deadline
clock-outline: time clock hour minute oclock
alarm: alarm wake morning
timer-sand: wait waiting patience hourglass
history: history past memory
weather-sunny: sun sunny sunshine summer day daylight warm hot
weather-night: night moon evening midnight dark
weather-rainy: rain rainy raining storm umbrella
weather-snowy: snow snowy winter cold
weather-windy: wind windy breeze
weather-cloudy: cloudy weather
snowflake: snowflake freezing ice frozen
fire: fire flame burn hot-fire wildfire campfire
water: water drop liquid
waves: ocean sea waves surf tide
beach: beach vacation holiday holidays sand
island: island tropical
palm-tree: palm
image-filter-hdr: mountain mountains hill hike landscape
earth: earth world planet global globe international
map-marker: place location where address
map: map travel journey trip route
compass: compass explore explorer adventure navigation direction
city: city town urban downtown skyline
home: home house apartment flat household
office-building: office building company corporation business headquarters workplace
factory: factory industry manufacturing production plant-factory
store: shop store retail market supermarket
cart: shopping cart buy purchase groceries grocery
sofa: sofa couch living-room relax relaxing lounge
bed: bed bedroom nap rest hotel hostel motel
sleep: sleep asleep sleeping sleepy tired sleepless
chair-rolling: chair desk-chair seat
desk: desk workstation
lamp: lamp light
shower-head: shower bath bathroom wash
toothbrush: toothbrush teeth brush-teeth
car: car drive driving driver traffic vehicle road
bus: bus commute commuting
train: train railway station metro subway
airplane: plane airplane flight fly flying airport aircraft
bike: bike bicycle cycling cyclist cycle
scooter: scooter
walk: walk walking stroll
run: run running runner jog jogging marathon race sprint
swim: swim swimming swimmer
pool: pool
dumbbell: gym workout exercise fitness training muscle weight lifting strength
yoga: yoga stretch stretching
meditation: meditation meditate calm mindfulness peace zen
soccer: football soccer sport sports match goal
basketball: basketball
tennis: tennis
trophy: trophy win winner victory success champion championship prize achievement award
medal: medal
target: target aim objective focus
flag-checkered: finish finishline
rocket-launch: rocket launch startup space spaceship
star: star favorite favourite rating
heart: heart love romance romantic passion care kind
heart-pulse: health healthy pulse heartbeat fitness-heart
stethoscope: doctor physician checkup clinic medical medicine
hospital-building: hospital emergency nurse
pill: pill pills drug drugs pharmacy medication tablet
needle: vaccine injection shot
virus: virus flu covid pandemic infection sick illness disease
tooth: tooth dentist dental
emoticon-happy: happy happiness smile smiling joy glad cheerful fun laugh
emoticon-sad: sad unhappy sorrow cry crying depressed lonely
emoticon-angry: angry anger mad furious rage annoyed
emoticon-cool: awesome
emoticon-confused: confused puzzled confusion
emoticon-excited: excited exciting amazing
emoticon-neutral: bored boring mood
cash-multiple: money cash salary income pay paid earn earning profit revenue revenues sales
bank: bank banking bank-account loan
piggy-bank: savings save saving budget
wallet: wallet
credit-card: card credit payment pay-card debit
chart-timeline-variant: progress timeline
finance: stock stocks stock-market invest investor investing investment finance financial economy economic trading trader
currency-usd: dollar dollars price cost expensive cheap billion million
currency-eur: euro euros
currency-gbp: pound-sterling
currency-btc: crypto cryptocurrency bitcoin
scale-balance: law justice lawyer legal court balance
gavel: judge verdict auction
police-badge: police cop
shield-check: security secure safety protect protection privacy
lock: lock password locked secret
key: key keys unlock access
briefcase: job work working career profession professional-work business-trip interview
hammer-wrench: build building tools repair fix engineer engineering
wrench: tool mechanic
cog: setting settings gear process system machinery
tune-vertical: tune tuning fine-tuning hyperparameter parameter parameters adjust tweak calibrate
lightning-bolt: energy electricity power lightning fast speed quick
battery-charging: battery charge charging
music: music song songs sing singing melody
headphones: headphones listen listening podcast audio
microphone: microphone mic singer speech speak voice interview-mic
guitar-acoustic: guitar
piano: piano keyboard-piano
drama-masks: theater theatre drama play actor acting
movie-open: movie movies film cinema
television: tv television show series netflix
camera: camera photo photos photograph photography picture
palette: art artist paint painting color colour design designer
gamepad-variant: game games gaming gamer videogame play-game console-game
puzzle: puzzle problem solve solution challenge
dice-5: dice luck chance random gamble
chess-knight: chess strategy strategic
ticket: ticket tickets concert event
party-popper: party celebrate celebration congratulations festival fun-party
gift: gift present presents surprise
balloon: balloon
firework: firework fireworks newyear new-year
dog: dog dogs puppy pet
cat: cat kitten kitty
bird: bird birds
horse: horse
cow: cow cattle milk dairy
pig: pig pork
rabbit: rabbit bunny
paw: animal animals paw wildlife zoo
bee: bee honey
butterfly: butterfly
turtle: turtle
owl: owl
earth-plus: expansion
translate: translate translation language languages english french spanish german
alphabetical: alphabet letters
calculator: calculator calculate math maths mathematics arithmetic numbers accounting
test-tube: science scientist experiment lab laboratory chemistry research
microscope: microscope biology cell cells
atom: physics atom quantum
telescope: telescope astronomy stars
dna: dna gene genetics
magnify: search find look looking discover investigation
eye: eye eyes see watch watching vision view
ear-hearing: ear hear hearing
hand-wave: hello hi hey bye goodbye greeting welcome waved waving farewell
thumb-up: like good great nice okay ok yes approve
thumb-down: dislike bad no-thumb
bell: notification reminder bell
bullhorn: announce announcement marketing advertising ad ads promotion
send: send sent deliver-message
truck-delivery: delivery deliver shipping shipment parcel
package-variant-closed: package box packaging
shopping: shopping bag
tshirt-crew: clothes clothing shirt fashion outfit wear dress
glasses: glasses spectacles
umbrella-beach: sunbathing
tent: camping camp tent
fishbowl: aquarium
sail-boat: boat sailing sail yacht
ship-wheel: ship captain cruise
anchor: anchor harbor port
church: church religion pray prayer god
castle: castle king queen kingdom medieval fairy
crown: crown royal princess prince
ghost: ghost halloween spooky scary fear afraid
skull: death dead danger deadly
alert: warning caution alert risk
help-circle: question why how what-question
check-decagram: done complete completed finished verified
trending-up: increase rise rising grow-up boost improve improvement better
trending-down: decrease fall falling decline drop loss
recycle: recycle recycling sustainability sustainable environment
solar-power: solar
wind-turbine: turbine windmill
smog: pollution smog
earth-box: geography
flask: potion chemical
gamepad: controller joystick
keyboard: keyboard typing type
mouse: mouse click
monitor: monitor screen display
printer: printer print
chip: chip processor cpu gpu hardware electronics
memory: ram memory-chip
harddisk: disk storage drive-storage
api: api
source-branch: git branch repository repo
account-voice: speaker talking
account-school: teacher teach teaching tutor
human-male-board: lesson class classroom course
certificate: certificate license
trophy-award: reward
clipboard-check: review check checklist-done
puzzle-outline: missing-piece
head-cog: brainpower cognitive reasoning
face-recognition: face-recognition recognition recognize
robot-angry: uprising rebellion revolt rise-against
scale-bathroom: bathroom-scale weigh
silverware-fork-knife: fork knife cutlery
sword: sword fight battle war knight
pistol: gun weapon
bomb: bomb explosion explode
shield: shield defence defense
"""

# --- senses from neighbours ------------------------------------------------------
# "word word: context words -> slug": a word whose neighbours (8 words either
# side) include a context word shows that icon instead ("-": no icon at all).
_SENSES_SPEC = """
mouse: cat cats trap cheese squeak tail hole ran field farm pet rodent -> rodent
bar: chart graph histogram -> chart-bar
bar: progress loading status scroll tool sidebar menu search -> -
train training trained: model models network neural data dataset epoch gpu weights loss accuracy -> brain
table: kitchen dinner lunch breakfast chair chairs sit wooden eat family -> table-furniture
tablet: screen app ipad touch android device -> tablet
cloud: rain sky grey gray storm sun weather dark -> weather-cloudy
bug: garden insect crawl crawled leaf flower grass ant spider -> ladybug
run: code script program test tests pipeline job experiment model server command -> play-circle
drive: usb hard disk file files backup storage -> harddisk
chip: potato fish crisps snack ketchup salt -> french-fries
apple: iphone mac macbook ipad laptop computer phone company -> -
bank: river stream water shore -> waves
server: restaurant waiter waitress food order tip menu -> room-service
pool: data thread threads connection worker workers -> -
"""
#: How many words either side count as a word's neighbours.
SENSE_WINDOW = 8


@functools.lru_cache(maxsize=1)
def senses() -> dict[str, list[tuple[frozenset[str], str | None]]]:
    """word -> [(context words, slug or None), ...], first rule first."""
    table: dict[str, list[tuple[frozenset[str], str | None]]] = {}
    for line in _SENSES_SPEC.strip().splitlines():
        words, _, rest = line.partition(":")
        context, _, slug = rest.partition("->")
        slug = slug.strip()
        for word in words.split():
            table.setdefault(word, []).append((frozenset(context.split()), None if slug == "-" else slug))
    return table


def _in_context(hit: tuple[str, str, str], tokens: list["_Token"], i: int) -> tuple[str, str, str] | None:
    """``hit`` for token ``i``, or the icon its neighbours say it means (None: no icon)."""
    rules = senses().get(hit[2]) or senses().get(tokens[i].norm)
    if not rules:
        return hit
    near = {f for t in tokens[max(0, i - SENSE_WINDOW) : i + SENSE_WINDOW + 1] if t is not tokens[i] for f in word_forms(t.norm)[:2]}
    for context, slug in rules:
        if near & context:
            return None if slug is None else (slug, hit[1], hit[2])
    return hit


#: Words the slug matching must not use: icon slugs that are interface glyphs
#: (arrows, shapes, letters) or that mean something else in a sentence.
_BLOCKED_SLUG_WORDS = frozenset(
    """
    more select selection contain details looks null origin margin opacity overscan blur crop equal
    minus plus division multiplication comma tilde asterisk ampersand at pi sigma alpha beta gamma
    delta epsilon omega lambda numeric decimal exponent function variable identifier cancel close check
    help menu sort tab undo redo reply export import publish transfer transition update upload download
    eject refresh reload restore restart rewind replay repeat shuffle sync cached autorenew backspace
    backburger forwardburger fullscreen resize segment shape solid texture wrap ungroup merge consolidate
    reiterate diversify vanish creation animation motion transcribe rename diameter radius ellipse
    rectangle square circle triangle hexagon hexagram pentagon pentagram octagon octagram octahedron rhombus
    cube cylinder sphere decagram mine safe store sale seal arch box origin apps application information
    connection contacts counter compare directions gesture grid hub label layers link matrix middleware
    multicast network pause play pocket post power protocol pulse record regex responsive routes script
    sd sim spellcheck subtitles switch symbol tag text tooltip tune view vote wall wave web widgets
    ab abjad abugida alphabetical api ballot bash blinds cast chip clippy console cross dharmachakra
    draw export filter format forward function glasses head human ip khanda lan lasso lock loupe magnify
    nas numeric ocr qi raw read reproduction restore rss selection send share signal signature solid
    stamper strategy table target theater timeline translate transfer tray vanish wan wrap yurt
    """.split()
)

#: Function words: never an icon, and never the last word of a headline.
FUNCTION_WORDS = frozenset(
    """
    a about above across actually after afterwards again against ago ah all almost alone along already also
    although always am among an and another any anybody anyhow anyone anything anyway anyways anywhere are
    aren't around as aside at away be became because become becomes becoming been before beforehand
    behind being below beside besides both but by can can't cannot could couldn't
    did didn't do does doesn't doing don't down during each eh either else elsewhere enough especially
    etc even ever every everybody everyone everything everywhere except far few fewer for former
    formerly from further had hadn't has hasn't have haven't
    having he he'd he'll he's hence her here here's hers herself him himself his how however i i'd i'll i'm
    i've ie if in indeed instead into is isn't it it's its itself just
    latter least less let let's like likely lot lots many may maybe me meanwhile
    might mine more moreover most mostly much must my myself namely near nearly neither
    nevertheless no nobody none noone nor not nothing nowhere of off often oh ok okay on once
    onto or other others otherwise ought our ours ourselves out over own per perhaps please
    quite rather really same several shall she she'd she'll
    she's should shouldn't since so some somebody somehow someone something sometime sometimes somewhat
    somewhere such than that that's the their theirs them themselves
    then thence there there's thereafter thereby therefore these they they'd they'll they're they've
    this those though through throughout thru thus to too toward towards truly
    under unless until up upon us usually very via was wasn't we we'd
    we'll we're we've were weren't what what's whatever when whenever where whereas wherever
    whether which while who who's whoever whom whose why will with within without won't would
    wouldn't yeah yes yet you you'd you'll you're you've your yours yourself yourselves
    coz cause gonna wanna gotta kinda sorta lol hmm um uh huh wow hey
    mr mrs ms dr st vs eg
    """.split()
)

#: Words that never pick an icon: function words, fillers and vague verbs and adjectives.
STOP_WORDS = FUNCTION_WORDS | frozenset(
    """
    able back best better done first get gets getting go goes going gone got gotten keep keeps kind kinds
    last lately later made make makes making need needs never next now one ones only put say says said see
    seem seemed seeming seems seen still sure take taken takes taking thing things today together try
    trying use used uses using way ways well went whole
    know knew known want wanted wants tell told ask asked give gave given come came comes mean means meant
    become became new old big small little certain different various sort part parts bit stuff
    two three four five six seven eight nine ten hundred thousand also
    """.split()
) - {"today"}

#: Frequent content words: they may pick an icon, but distinctive words win.
COMMON_WORDS = frozenset(
    """
    time day days week year years life world work job home people person man woman thing place way
    money hand part end point group problem fact case number system program question government company
    good great bad new old big small high long little important different right left large young
    think thought look feel know make take give find tell ask work call try need want use seem leave
    put mean keep let begin help talk turn start show hear play run move live believe hold bring happen
    write provide sit stand lose pay meet include continue set learn change lead understand watch follow
    stop create speak read allow add spend grow open walk win offer remember love consider appear buy
    wait serve die send expect build stay fall cut reach kill remain suggest raise pass sell require
    report decide pull morning night today tomorrow field area side kind head house service friend
    power hour game line member car city community name idea body information back parent face others
    level office door health art war history party result change morning reason research girl guy
    moment air teacher force education foot boy age policy process music market sense nation plan
    college interest death experience effect class control care field development role effort rate
    heart drug show leader light voice police mind price report decision son view relationship town
    road arm difference thanks value building action model season society tax director position player
    record paper space ground form event official matter center couple site project activity star
    table need court oil situation cost industry figure street image phone data picture practice piece
    land product doctor wall patient worker news test movie north love support technology step baby
    computer type attention film tree source organization hair window evidence population site
    eat ate drink see watch look read write talk thinking walk buy sing cook drive fly grow win
    """.split()
)

#: Verbs, adjectives and abstractions: they may pick an icon, but things win.
WEAK_WORDS = frozenset(
    """
    wait waiting warm hot cold cool sunny windy cloudy rainy snowy dark light healthy sick smart clever
    fast quick slow safe secure secret free cheap expensive green organic creative kind nice
    think thinking thought mind memory like care fun joy luck chance
    see look looking watch watching hear listen listening speak talk talking say tell read reading write
    writing go walk walking run running drive driving fly flying eat eating drink cook cooking buy pay
    win lose grow growth rise fall increase decrease improve change help start finish done complete
    finished completed progress problem solution plan planning focus balance energy power
    morning evening night day week month year time hour minute moment today tomorrow
    """.split()
)

#: Slug endings that are variants of another icon: used only when nothing else fits.
_VARIANT_PARTS = frozenset(
    {"outline", "off", "remove", "minus", "plus", "alert", "cancel", "check", "lock", "edit", "sync",
     "settings", "search", "question", "refresh", "network", "multiple", "marker", "arrow", "star",
     "cog", "clock", "eye", "heart", "key", "open", "box", "circle", "badge", "variant"}
)
_WEAK_PARTS = frozenset({"outline", "off", "remove"})

#: Irregular forms the suffix rules miss.
_IRREGULAR = {
    "children": "child", "men": "man", "women": "woman", "people": "person", "mice": "mouse",
    "feet": "foot", "teeth": "tooth", "geese": "goose", "knives": "knife", "leaves": "leaf",
    "wives": "wife", "lives": "life", "wolves": "wolf", "shelves": "shelf", "loaves": "loaf",
    "ate": "eat", "eaten": "eat", "ran": "run", "slept": "sleep", "bought": "buy", "drove": "drive",
    "driven": "drive", "wrote": "write", "written": "write", "swam": "swim", "flew": "fly",
    "flown": "fly", "sang": "sing", "sung": "sing", "drank": "drink", "drunk": "drink", "rode": "ride",
    "won": "win", "taught": "teach", "caught": "catch", "fought": "fight", "built": "build",
    "sold": "sell", "paid": "pay", "spent": "spend", "met": "meet", "sat": "sit", "read": "read",
    "began": "begin", "begun": "begin", "broke": "break", "broken": "break", "chose": "choose",
    "froze": "freeze", "frozen": "frozen", "grew": "grow", "grown": "grow", "lost": "lose",
    "cities": "city", "dice": "dice", "data": "data", "media": "media", "criteria": "criterion",
    "analyses": "analysis", "hypotheses": "hypothesis", "cacti": "cactus", "fungi": "fungus",
    "oxen": "ox", "sheep": "sheep", "fish": "fish", "news": "news", "glasses": "glasses",
}

#: A few emoji (in raw text) and the icon they stand for.
EMOJI_ICONS = {
    "☕": "coffee", "🍕": "pizza", "🍔": "hamburger", "🍦": "ice-cream", "🍨": "ice-cream", "🍺": "beer",
    "🍷": "glass-wine", "🎂": "cake-variant", "🍪": "cookie", "🍄": "mushroom", "🥕": "carrot",
    "🐍": "snake", "🐶": "dog", "🐱": "cat", "🐦": "bird", "🐟": "fish", "🌞": "weather-sunny",
    "☀": "weather-sunny", "🌧": "weather-rainy", "❄": "snowflake", "🔥": "fire", "💧": "water",
    "🌊": "waves", "🌍": "earth", "🌎": "earth", "🏠": "home", "🏢": "office-building", "🚗": "car",
    "🚌": "bus", "🚆": "train", "✈": "airplane", "🚲": "bike", "🛴": "scooter", "🏊": "swim",
    "💻": "laptop", "📱": "cellphone", "📧": "email", "✉": "email", "📚": "book-open-variant",
    "📖": "book-open-variant", "💡": "lightbulb-on", "🧠": "brain", "🤖": "robot", "📈": "chart-line",
    "📊": "chart-bar", "💰": "cash-multiple", "💵": "cash-multiple", "🏦": "bank", "⏰": "alarm",
    "🕐": "clock-outline", "🎵": "music", "🎶": "music", "🎧": "headphones", "🎮": "gamepad-variant",
    "🏆": "trophy", "🚀": "rocket-launch", "❤": "heart", "😀": "emoticon-happy", "😊": "emoticon-happy",
    "😢": "emoticon-sad", "😠": "emoticon-angry", "😡": "emoticon-angry", "😴": "sleep", "🐛": "bug",
    "🎉": "party-popper", "🎁": "gift", "⚽": "soccer", "🏀": "basketball", "🚿": "shower-head",
}

#: Patterns that are not words: clock times, prices, percentages.
_PATTERNS = (
    (re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:o['’]clock|[ap]\.?m\b\.?)", re.IGNORECASE), "clock-outline", "o'clock"),
    (re.compile(r"\b\d{1,2}:\d\d\b"), "clock-outline", "o'clock"),
    (re.compile(r"\$\s?\d[\d,.]*"), "currency-usd", "dollar"),
    (re.compile(r"€\s?\d[\d,.]*|\d[\d,.]*\s?€"), "currency-eur", "euro"),
    (re.compile(r"£\s?\d[\d,.]*"), "currency-gbp", "pound"),
    (re.compile(r"\d[\d,.]*\s?%"), "percent-circle", "percent"),
)

#: Scores: where a match comes from, then corrections.
_SOURCE_SCORE = {
    "slug-phrase": 3.8,  # words that name an icon exactly: "ice cream" -> ice-cream
    "phrase": 3.4,  # a curated phrase: "machine learning" -> brain
    "curated": 3.0,
    "emoji": 3.2,
    "pattern": 2.8,
    "exact": 2.4,
    "prefix": 1.5,
}
_COMMON_PENALTY = 1.2
_LONG_WORD_BONUS = 0.2
_POSITION_PENALTY = 0.5
_REPEAT_BONUS = 0.25
_WEAK_PENALTY = 0.6
#: A second or third icon must score at least this (the first needs only to exist).
_EXTRA_MIN_SCORE = 1.6

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class IconMatch:
    """One chosen icon and the words that chose it."""

    slug: str
    #: The words as written in the text ("mushrooms", "ice cream"); "" for the fallback.
    words: str
    #: The normalised keyword ("mushroom", "ice cream").
    keyword: str
    #: Index of the first word among the paragraph's words (-1 for the fallback).
    position: int
    score: float
    #: Character offset of ``words`` in the text (-1 when not in the text).
    start: int = -1


# --- indexes ----------------------------------------------------------------------


def _attr(slug: str) -> str:
    return slug.upper().replace("-", "_")


@functools.lru_cache(maxsize=1)
def _deprecated() -> frozenset[str]:
    # Attribute access does not print the pack's deprecation notice (get_icon does).
    return frozenset(s for s in icon_names() if getattr(getattr(mdi, _attr(s), None), "deprecated", False))


@functools.lru_cache(maxsize=1)
def _usable() -> frozenset[str]:
    return frozenset(icon_names()) - _deprecated()


@functools.lru_cache(maxsize=1)
def curated_map() -> dict[str, str]:
    """keyword (a word, or words joined by spaces) -> icon slug."""
    table: dict[str, str] = {}
    for line in _CURATED_SPEC.strip().splitlines():
        slug, _, words = line.partition(":")
        slug = slug.strip()
        if slug not in _usable():  # an icon missing from this version of the pack
            continue
        for word in words.split():
            table.setdefault(word.replace("-", " "), slug)
    return table


@functools.lru_cache(maxsize=1)
def _prefix_index() -> dict[str, list[str]]:
    """first part of a slug -> usable slugs starting with it, best first."""
    index: dict[str, list[str]] = {}
    for slug in _usable():
        parts = slug.split("-")
        if len(parts) > 1:
            index.setdefault(parts[0], []).append(slug)
    for slugs in index.values():
        slugs.sort(key=_variant_rank)
    return index


def _variant_rank(slug: str) -> tuple[int, int, int, str]:
    parts = slug.split("-")
    weak = sum(p in _WEAK_PARTS for p in parts)
    variant = sum(p in _VARIANT_PARTS or p.isdigit() for p in parts[1:])
    return (weak, variant, len(parts), slug)


def is_weak_variant(slug: str) -> bool:
    """``-outline``, ``-off`` and ``-remove`` icons: used only when nothing else fits."""
    return any(p in _WEAK_PARTS for p in slug.split("-"))


def family(slug: str) -> str:
    """What near-duplicate icons share: ``account`` for ``account-outline`` and ``account-group``."""
    parts = [p for p in slug.split("-") if p not in _WEAK_PARTS]
    return parts[0] if parts else slug


# --- words ----------------------------------------------------------------------


def fold(word: str) -> str:
    """Lowercase ASCII of ``word`` (accents dropped); "" when nothing Latin is left."""
    ascii_word = unicodedata.normalize("NFKD", word.replace("’", "'")).encode("ascii", "ignore").decode("ascii")
    return ascii_word.lower()


def word_forms(word: str) -> list[str]:
    """``word`` and the base forms it may be an inflection of, most likely first.

    A tiny stemmer: irregular forms, plurals (-s, -es, -ies, -ves), -ing and
    -ed (with a final "e" restored or a doubled consonant undone).
    """
    w = word.lower()
    forms = [w]
    if w in _IRREGULAR:
        forms.append(_IRREGULAR[w])
    n = len(w)
    if n > 4 and w.endswith("ies"):
        forms += [w[:-3] + "y", w[:-1]]
    elif n > 4 and w.endswith("ves"):
        forms += [w[:-3] + "f", w[:-3] + "fe", w[:-1]]
    elif n > 3 and w.endswith("es"):
        forms += [w[:-1], w[:-2]]
    elif n > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        forms.append(w[:-1])
    if n > 5 and w.endswith("ing"):
        base = w[:-3]
        forms += [base, base + "e"]
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "aeiouls":
            forms.append(base[:-1])
        if base.endswith("y"):
            forms.append(base[:-1] + "ie")
    if n > 4 and w.endswith("ed"):
        base = w[:-2]
        if w.endswith("ied"):
            forms.append(w[:-3] + "y")
        forms += [base, w[:-1]]
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "aeiouls":
            forms.append(base[:-1])
    seen: list[str] = []
    for f in forms:
        if f and f not in seen and (len(f) >= 3 or f == w):
            seen.append(f)
    return seen


@dataclass(frozen=True)
class _Token:
    raw: str  # as written
    norm: str  # folded, possessive removed
    start: int  # character offset in the text
    end: int


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        norm = fold(raw).replace("’", "'")
        if norm.endswith("'s"):
            norm = norm[:-2]
        tokens.append(_Token(raw, norm, m.start(), m.end()))
    return tokens


def _is_stop(norm: str) -> bool:
    return not norm or len(norm) < 2 or norm in STOP_WORDS or "'" in norm


# --- matching ----------------------------------------------------------------------


@dataclass
class _Candidate:
    slug: str
    source: str
    keyword: str
    first: int  # token index
    last: int  # token index (inclusive)
    count: int = 1
    span: tuple[int, int] | None = None  # characters, for matches that are not words


def _match_phrase(tokens: list[_Token], i: int, size: int) -> tuple[str, str, str] | None:
    """(slug, keyword, source) for the ``size`` words starting at ``i`` as one phrase, else None."""
    words = [t.norm for t in tokens[i : i + size]]
    if any(not w or "'" in w for w in words) or _is_stop(words[0]) or _is_stop(words[-1]):
        return None
    curated = curated_map()
    usable = _usable()
    for last in word_forms(words[-1]):
        phrase = " ".join(words[:-1] + [last])
        slug = phrase.replace(" ", "-")
        if curated.get(phrase) == slug or (slug in usable and not is_weak_variant(slug)):
            return slug, phrase, "slug-phrase"
        if phrase in curated:
            return curated[phrase], phrase, "phrase"
    return None


def _match_word(norm: str) -> tuple[str, str, str] | None:
    """(slug, source, lemma) for one word, else None."""
    if _is_stop(norm):
        return None
    forms = word_forms(norm)
    if any(f in STOP_WORDS for f in forms[1:2]):
        return None
    curated = curated_map()
    for f in forms:
        if f in curated:
            return curated[f], "curated", f
    usable = _usable()
    for f in forms:
        if len(f) < 3 or f in _BLOCKED_SLUG_WORDS or f in STOP_WORDS:
            continue
        if f in usable:
            return f, "exact", f
    index = _prefix_index()
    for f in forms:
        if len(f) < 5 or f in _BLOCKED_SLUG_WORDS or f in STOP_WORDS:
            continue
        if f in index:
            return index[f][0], "prefix", f
    return None


def _candidates(text: str) -> tuple[list[_Candidate], list[_Token]]:
    tokens = _tokens(text)
    found: dict[str, _Candidate] = {}  # keyed by slug

    def add(slug: str, source: str, keyword: str, first: int, last: int) -> None:
        if slug not in _usable():
            return
        c = found.get(slug)
        if c is None:
            found[slug] = _Candidate(slug, source, keyword, first, last)
        else:
            if not all(w in COMMON_WORDS for w in keyword.split()):
                c.count += 1  # "day" after "sunny" says little more about the sun
            if _SOURCE_SCORE[source] > _SOURCE_SCORE[c.source]:
                c.source, c.keyword = source, keyword

    covered: set[int] = set()
    for size in (3, 2):
        for i in range(len(tokens) - size + 1):
            if any(j in covered for j in range(i, i + size)):
                continue
            # Words of a phrase must be adjacent in the text (a space or hyphen between).
            gaps = [text[tokens[j].end : tokens[j + 1].start] for j in range(i, i + size - 1)]
            if any(g not in (" ", "-") for g in gaps):
                continue
            hit = _match_phrase(tokens, i, size)
            if hit:
                add(hit[0], hit[2], hit[1], i, i + size - 1)
                covered.update(range(i, i + size))
    for i, token in enumerate(tokens):
        if i in covered:
            continue
        hit = _match_word(token.norm)
        if hit:
            hit = _in_context(hit, tokens, i)
        if hit:
            add(hit[0], hit[1], hit[2], i, i)
    for ch, slug in EMOJI_ICONS.items():
        pos = text.find(ch)
        if pos >= 0:
            before = sum(1 for t in tokens if t.start < pos)
            add(slug, "emoji", ch, before, before - 1)
    for pattern, slug, keyword in _PATTERNS:
        m = pattern.search(text)
        if m and slug not in found:
            before = sum(1 for t in tokens if t.start < m.start())
            add(slug, "pattern", keyword, before, before - 1)
            found[slug].span = (m.start(), m.end())
    return list(found.values()), tokens


def _score(c: _Candidate, n_tokens: int) -> float:
    score = _SOURCE_SCORE[c.source]
    words = c.keyword.split()
    if c.source not in ("emoji", "pattern"):
        if all(w in COMMON_WORDS for w in words):
            score -= _COMMON_PENALTY
        if all(w in WEAK_WORDS for w in words):
            score -= _WEAK_PENALTY
        if len(words) == 1 and len(words[0]) >= 7 and not words[0].endswith(("ing", "ed")):
            score += _LONG_WORD_BONUS
    score -= _POSITION_PENALTY * max(0, c.first) / max(1, n_tokens)
    score += _REPEAT_BONUS * min(c.count - 1, 2)
    if is_weak_variant(c.slug) and c.source in ("exact", "prefix"):
        score -= 1.0
    return score


def match_icons(text: str, k: int = 3) -> list[IconMatch]:
    """The 1..``k`` best icons for ``text``, with the words that chose them, in text order.

    Falls back to one neutral icon (``words == ""``) when no word matches.
    """
    k = max(1, int(k))
    candidates, tokens = _candidates(text or "")
    scored = sorted(
        ((round(_score(c, len(tokens)), 6), c) for c in candidates),
        key=lambda sc: (-sc[0], sc[1].first, sc[1].slug),
    )
    chosen: list[IconMatch] = []
    families: set[str] = set()
    keywords: set[str] = set()
    for score, c in scored:
        if len(chosen) >= k:
            break
        if chosen and score < _EXTRA_MIN_SCORE:
            break
        if family(c.slug) in families or c.keyword in keywords:
            continue
        if c.span is not None:
            words, start = text[c.span[0] : c.span[1]], c.span[0]
        elif c.source == "emoji":
            words, start = "", -1
        else:
            words, start = text[tokens[c.first].start : tokens[c.last].end], tokens[c.first].start
        chosen.append(IconMatch(c.slug, words, c.keyword, c.first, score, start))
        families.add(family(c.slug))
        keywords.add(c.keyword)
    if not chosen:
        return [fallback_icon(text)]
    return sorted(chosen, key=lambda m: m.position)


def fallback_icon(text: str) -> IconMatch:
    """The neutral icon (a light bulb for a question, in any script's question mark)."""
    slug = FALLBACK_QUESTION_ICON if any(q in (text or "") for q in "?？؟") else FALLBACK_ICON
    return IconMatch(slug, "", "", -1, 0.0)


def pick_icons(text: str, k: int = 3) -> list[str]:
    """1..``k`` icon slugs for a paragraph's words, most telling first-spoken first.

    Never returns duplicates or near-duplicates (``account`` and
    ``account-outline``); every slug exists and is not deprecated.  Falls back
    to ``text-box-outline`` (``lightbulb-on-outline`` for a question).
    """
    return [m.slug for m in match_icons(text, k)]


# --- headlines ------------------------------------------------------------------------

HEADLINE_MAX_CHARS = 32
_SMALL_WORDS = frozenset("a an the and or but nor of in on at to for by with from as vs via per into onto".split())
#: Words that end a headline when they follow a few words: links, conjunctions, relatives.
_BREAK_WORDS = frozenset(
    """
    is are was were be been being am has have had do does did will would can could should may might must
    and or but so because while when whenever if unless although though that which who whom whose where
    then than since until after before as just also even still
    """.split()
)
#: Vague words that may still end a headline ("Something New").
_TRAIL_KEEP = frozenset("new old big small little better best done today well first last next".split())
_DETERMINERS = frozenset("a an the my our your his her their its this that these those".split())
#: Links dropped from the start of a headline.
_LEAD_DROP = frozenset("that to and but or so because which who whom nor".split())
#: Discourse openers dropped from the start of a headline.
_OPENERS = frozenset(
    """
    well so and but or now then also anyway sometimes often usually however meanwhile still yet oh ok okay
    yes no hey hi actually basically honestly finally first firstly next lastly besides plus remember
    """.split()
)
_MARKUP_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
#: Clause breaks (a comma or colon inside a number, as in 4,242 or 7:30, is none).
_CLAUSE_SPLIT = re.compile(r"\s[-–—]\s|[,:](?!\d)|(?<!\d)[,:]|[;()\[\]{}…!?\"“”]|\.(?:\s|$)|\.\.\.")
_HEADLINE_JUNK = re.compile(r"[*_#~`|^\\{}\[\]<>/=]")


def _first_sentence(text: str) -> str:
    from ..text.script import split_sentences

    sentences = split_sentences(text)
    return sentences[0] if sentences else ""


def _clean(text: str) -> str:
    text = _MARKUP_TAG.sub(" ", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNPZS" and ord(ch) < 0x1F000)
    text = re.sub(r"[\u2600-\u27BF\uFE0F\u200D]", " ", text)
    text = _HEADLINE_JUNK.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(letters) >= 8 and upper / len(letters) > 0.8


#: Units that stay lower case after a number in a headline.
_UNITS = frozenset("am pm a.m. p.m. kg km cm mm ml min".split())


def _title_case(words: list[str], shouting: bool) -> str:
    out = []
    for i, w in enumerate(words):
        if shouting:
            w = w.lower()
        lower = w.lower()
        if i > 0 and (lower in _SMALL_WORDS or lower in _UNITS) and (w.islower() or shouting):
            out.append(lower)  # "of", and "pm" in "At 7:30 pm"
        elif w.islower() or (w[:1].islower() and not any(c.isupper() for c in w[1:])):
            # Capitalise each hyphen part: "fine-tuning" -> "Fine-Tuning".
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
        else:
            out.append(w)  # "iPhone", "IT", "McDonald" stay as written
    return " ".join(out)


def _bare(word: str) -> str:
    """The word for look-ups: folded to lowercase, except acronyms ("IT" is not "it")."""
    core = word.strip(".,;:!?'\"’”“‘)(&-")
    if len(core) >= 2 and core.isupper():
        return fold(core).upper()
    return fold(core).replace("’", "'")


def _strip_edges(words: list[str]) -> list[str]:
    """Drop leading links ("that", "to") and trailing function words from a headline's words."""
    while len(words) > 1 and _bare(words[0]) in _LEAD_DROP:
        words = words[1:]
    while words:
        bare = _bare(words[-1])
        if not bare or bare in _SMALL_WORDS or bare in _BREAK_WORDS or (bare in STOP_WORDS and bare not in _TRAIL_KEEP):
            words = words[:-1]
        else:
            break
    return words


def _fit(words: list[str], max_words: int) -> list[str]:
    """The longest prefix of ``words`` within ``max_words`` and the character limit."""
    out: list[str] = []
    for w in words[:max_words]:
        if len(" ".join(out + [w])) > HEADLINE_MAX_CHARS:
            break
        out.append(w)
    return out or words[:1]  # one over-long word is cut later


def _trim(words: list[str], max_words: int) -> list[str]:
    """The longest prefix within the limits that ends before a natural break."""
    words = _strip_edges(words)
    limit = _fit(words, max_words)
    if len(limit) == len(words):
        return words
    # Cut where the next word starts a new part: first at links and conjunctions
    # ("Machine Learning | is a booming field"), then before any function word.
    for breaks in (_BREAK_WORDS, _SMALL_WORDS | FUNCTION_WORDS):
        for end in range(len(limit), 0, -1):
            head = _strip_edges(limit[:end])
            if _bare(words[end]) in breaks and _content_words(head) >= 1 and len(head) >= 2:
                return head
    return _strip_edges(limit)


def _content_words(words: list[str]) -> int:
    return sum(1 for w in words if _bare(w) and _bare(w) not in STOP_WORDS)


def headline_for(text: str, max_words: int = 5) -> str:
    """A short headline for a paragraph: its first clause (or key phrase), title-cased.

    At most ``max_words`` words and about 32 characters, cut at a word
    boundary, without markup or trailing punctuation; "" for empty text.
    """
    cleaned = _clean(text or "")
    if not cleaned:
        return ""
    shouting = _shouting(cleaned)
    if shouting:  # read it as ordinary text; it is title-cased at the end
        cleaned = cleaned.lower()
    sentence = _first_sentence(cleaned)
    clauses = [c.strip() for c in _CLAUSE_SPLIT.split(sentence) if c and c.strip()]
    words: list[str] = []
    for clause in clauses:
        full = clause.split()
        while len(full) > 1 and _bare(full[0]) in _OPENERS:
            full = full[1:]
        cw = _trim(full, max_words)
        if _content_words(cw) == 0:
            # The first words say nothing ("We are going to ..."): start at the first telling one.
            first = next((i for i, w in enumerate(full) if _content_words([w])), None)
            if first is not None:
                if first > 0 and _bare(full[first - 1]) in _DETERMINERS:
                    first -= 1
                cw = _trim(full[first:], max_words)
        if cw and match_icons(" ".join(cw), 1)[0].words:
            words = cw  # the first clause that names something an icon can show
            break
        if _content_words(cw) >= 1 and _content_words(words) == 0:
            words = cw
        if not words and cw:
            words = cw
    if _content_words(words) < 1:
        phrase = _key_phrase(cleaned, max_words)
        if phrase:
            words = phrase
    if not words:
        words = cleaned.split()[:1]
    headline = _title_case(words, shouting)
    headline = headline.strip(" .,;:!?-–—'\"“”‘’()&")
    if len(headline) > HEADLINE_MAX_CHARS:  # one very long word
        headline = headline[: HEADLINE_MAX_CHARS - 1].rstrip() + "…"
    return headline


def _key_phrase(text: str, max_words: int) -> list[str]:
    """The run of content words around the paragraph's best icon keyword ("vertical mushroom farms")."""
    best = match_icons(text, 1)[0]
    if not best.words:
        return []
    tokens = text.split()
    bare = [_bare(t) for t in tokens]
    ends_clause = [bool(re.search(r"[,.;:!?…]$", t)) for t in tokens]
    target = _bare(best.words.split()[0])
    if target not in bare:
        return []
    lo = hi = bare.index(target)
    while lo > 0 and not _is_stop(bare[lo - 1]) and not ends_clause[lo - 1] and hi - lo < max_words - 1:
        lo -= 1
    while hi + 1 < len(tokens) and not ends_clause[hi] and not _is_stop(bare[hi + 1]) and hi - lo < max_words - 1:
        hi += 1
    return [t.strip(".,;:!?'\"()…") for t in tokens[lo : hi + 1]]


__all__ = [
    "COMMON_WORDS",
    "FALLBACK_ICON",
    "FALLBACK_QUESTION_ICON",
    "LANGUAGE",
    "fallback_icon",
    "IconMatch",
    "STOP_WORDS",
    "curated_map",
    "family",
    "headline_for",
    "match_icons",
    "pick_icons",
    "word_forms",
]
