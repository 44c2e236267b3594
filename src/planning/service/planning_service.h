// (to be filled)
#pragma once
