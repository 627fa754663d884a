"""AutoScene's word lists: which icon a word names, which senses a word takes from its
neighbours, and the words that never name a picture.  Data only; ``keywords.py`` matches
with it."""

from __future__ import annotations

# --- the curated map ------------------------------------------------------------
# "slug: word word ..." -- every word (a lemma; plurals and -ing/-ed forms are
# found by the stemmer) and every "multi word" phrase shows that icon.
CURATED_SPEC = """
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
clipboard-text: checklist list task todo assignment plan planning homework
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
account-tie: manager boss ceo executive businessman employee professional principal
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
car: car drive driving driver traffic vehicle
road: road street highway motorway
bus-school: school-bus
bus: bus commute commuting
train: train railway station metro subway
airplane: plane airplane flight fly flying airport aircraft pilot
bike: bike bicycle cycling cyclist cycle
scooter: scooter
walk: walk walking stroll
run: run running runner jog jogging marathon race sprint
swim: swim swimming swimmer
pool: pool
dumbbell: gym workout exercise fitness training muscle weight lifting strength bench-press
boxing-glove: boxer boxing
pipe-wrench: plumber plumbing
room-service: waiter waitress
account-hard-hat: builder builders
pot: pan pans skillet saucepan wok
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
battery: battery
battery-charging: charge charging
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
SENSES_SPEC = """
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
pool: data thread threads connection connections worker workers -> -
station: fire firefighter firefighters fireman firemen crew alarm engine -> fire-truck
station: bus coach -> bus-stop
station: gas petrol fuel diesel fill -> gas-station
station: police officer officers cop cops -> police-station
station: charging charge electric ev plug -> ev-station
station: space orbit astronaut astronauts -> space-station
press: enter return key keys keyboard button type typing ctrl shift space click -> keyboard
enter: press key keys keyboard type typing hit -> keyboard
wash washes washed washing: truck car cars van bike vehicle windshield -> car-wash
wash washes washed washing: hands hand soap surgeon sink -> hand-wash
wash washes washed washing: dishes dish plates plate cups pots pans cutlery -> dishwasher
wash washes washed washing: clothes laundry shirt shirts sheets towels socks -> washing-machine
training trained: dog dogs puppy puppies -> dog
training: hires hire staff employees employee course workshop onboarding recruits -> school
weight weights: model models network neural trained training data dataset -> brain
model models: trained train training predicts predict data dataset neural network ai machine learning weights -> brain
model models: fashion runway catwalk photo photographer camera dress magazine -> account
bar: chocolate candy soap cereal granola protein -> candy
bar: raise raised jump jumper pole -> -
table: results rows row columns column spreadsheet shows -> table
run runs: bakery shop business company cafe restaurant store firm family -> -
match: tennis -> tennis
match: light lit strike candle candles -> fire
shot: court basket basketball hoop scored score three-point -> basketball
shot: photo photos camera picture sunset -> camera
water: plants plant garden flowers flower lawn seeds -> sprout
orange: scarf shirt dress wore wear wearing color colour paint jacket hat car -> -
fly flies: soup insect insects buzz buzzing swat swatted wings -> bug
port: glass drink wine bottle -> glass-wine
goal: scored score kick keeper net match team striker header penalty minute -> soccer
goal: my your our his her their main -> target
card: referee yellow foul -> -
keyboard: piano music keys melody -> piano
key: idea ideas point points question factor part thing -> -
branch: tree oak leaves bird birds -> tree
branch: bank closes office -> bank
judge: contest competition baking show talent -> -
heart: beats beat pulse rate sprint run running racing -> heart-pulse
cold: sneeze sneezing fever flu nose cough sick tissues bed -> virus
hair: cut cuts barber salon hairdresser haircut -> content-cut
past: half quarter ten twenty five -> -
rest rests resting: batter dough meat steak roast fridge bowl minutes -> -
slide slides slid: plate plates pan onto spatula tray oven -> -
ship ships shipped shipping: order orders parcel parcels package packages delivery business customer customers shop -> truck-delivery
"""


#: Words the slug matching must not use: icon slugs that are interface glyphs
#: (arrows, shapes, letters) or that mean something else in a sentence.
BLOCKED_SLUG_WORDS = frozenset(
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


#: Irregular forms the suffix rules miss.
IRREGULAR = {
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
