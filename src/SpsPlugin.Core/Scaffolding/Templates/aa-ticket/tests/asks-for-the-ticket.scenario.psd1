# No ticket id in the login name: the plugin asks, refuses a bad id, then accepts a good one.
@{
    Plugin   = '..'
    Protocol = 'rdp'
    Answers  = @{ ticket = @('CHG12', 'INC0054321') }
    Expect   = @{ Verdict = 'ACCEPT'; Prompts = @('Ticket id*', 'Ticket id*') }
}
